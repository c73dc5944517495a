/* spacecoop network map: draws the JSON in #spacecoop-data with vis-network.
 * Every text from the data reaches the page through textContent, a plain-text tooltip or a
 * canvas label; no HTML is ever built from data. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("spacecoop-data").textContent);
  var S = data.strings;
  var lang = data.lang;
  var other = lang === "en" ? "ja" : "en";
  var SVG = "http://www.w3.org/2000/svg";

  var nodeById = new Map();
  data.nodes.forEach(function (n) { nodeById.set(n.id, n); });
  var edgeById = new Map();
  data.edges.forEach(function (e) { edgeById.set(e.id, e); });
  var degree = new Map();
  data.edges.forEach(function (e) {
    degree.set(e.from, (degree.get(e.from) || 0) + 1);
    degree.set(e.to, (degree.get(e.to) || 0) + 1);
  });

  // --- words ---------------------------------------------------------------------------------

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }
  function pick(item, field) {
    return item[field + "_" + lang] || item[field + "_" + other] || null;
  }
  function nodeLabel(n) {
    return pick(n, "label") || n.id.replace(/\/+$/, "").split(/[/#]/).pop();
  }
  function nodeKindKey(n) { return n.kind || "other"; }
  function nodeKindName(kind) { return S.node_kind_names[kind] || kind; }
  function edgeKindKey(e) { return e.kind || "other"; }
  function edgeKindName(kind) { return S.edge_kind_names[kind] || kind; }
  function frameworkKey(e) { return e.framework || ""; }
  function frameworkName(e) { return pick(e, "framework_label") || e.framework || "—"; }
  function dates(e) {
    return (e.start || S.unknown_date) + " – " + (e.end || S.ongoing);
  }
  function nodeStyle(n) { return data.nodeStyles[n.kind] || data.nodeStyles.other; }
  function edgeStyle(e) { return data.edgeStyles[e.kind] || data.edgeStyles.other; }

  function nodeTooltip(n) {
    var lines = [nodeLabel(n)];
    var second = n["label_" + other];
    if (second && second !== lines[0]) lines.push(second);
    var facts = [nodeKindName(nodeKindKey(n))];
    if (n.iso3) facts.push(n.iso3);
    if (n.nonstate) facts.push(S.nonstate);
    lines.push(facts.join(" · "));
    lines.push(S.links + ": " + (degree.get(n.id) || 0));
    return lines.join("\n");
  }
  function edgeTooltip(e) {
    var lines = [];
    var label = pick(e, "label");
    if (label) lines.push(label);
    lines.push(edgeKindName(edgeKindKey(e)) + " · " + frameworkName(e));
    lines.push(nodeLabel(nodeById.get(e.from)) + " — " + nodeLabel(nodeById.get(e.to)));
    lines.push(S.dates + ": " + dates(e));
    if (e.sources.length) {
      lines.push(S.sources + ":");
      e.sources.forEach(function (s) { lines.push("• " + s); });
    }
    return lines.join("\n");
  }

  // --- what is shown -------------------------------------------------------------------------

  var hidden = { edgeKinds: new Set(data.hiddenEdgeKinds || []), nodeKinds: new Set(), frameworks: new Set() };
  var year = data.years ? data.years["default"] : null;

  /* The rule of the year slider: a link is drawn in year Y if it had started by the end of Y
   * and had not ended before 31 December of Y. */
  function heldIn(e, y) {
    if (y === null || y === undefined) return true;
    var Y = String(y).padStart(4, "0");
    return (e.start === null || e.start.slice(0, 4) <= Y) &&
      (e.end === null || e.end.slice(0, 4) > Y || e.end >= Y + "-12-31");
  }
  function nodeShown(n) {
    return !hidden.nodeKinds.has(nodeKindKey(n));
  }
  function edgeShown(e) {
    return !hidden.edgeKinds.has(edgeKindKey(e)) &&
      !hidden.frameworks.has(frameworkKey(e)) &&
      heldIn(e, year) &&
      nodeShown(nodeById.get(e.from)) && nodeShown(nodeById.get(e.to));
  }

  // --- vis data ------------------------------------------------------------------------------

  var fontFace = window.getComputedStyle(document.body).fontFamily;
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var style = nodeStyle(n);
    return {
      id: n.id, label: nodeLabel(n), title: nodeTooltip(n),
      x: n.x, y: n.y, size: n.size, shape: style.shape, color: style.color
    };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var style = edgeStyle(e);
    var smooth = e.curve ? {
      enabled: true, type: e.curve > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(e.curve)
    } : false;
    return {
      id: e.id, from: e.from, to: e.to, title: edgeTooltip(e),
      color: { color: style.color, highlight: style.color, hover: style.color, opacity: 0.85 },
      dashes: style.dashes, smooth: smooth
    };
  }));
  var nodesView = new vis.DataView(nodes, {
    filter: function (item) { return nodeShown(nodeById.get(item.id)); }
  });
  var edgesView = new vis.DataView(edges, {
    filter: function (item) { return edgeShown(edgeById.get(item.id)); }
  });

  var big = data.nodes.length > 1000 || data.edges.length > 3000;
  var options = {
    autoResize: true,
    physics: false,
    layout: { improvedLayout: false },
    interaction: {
      hover: !big, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
      multiselect: false, keyboard: false
    },
    nodes: {
      borderWidth: 1,
      font: { face: fontFace, size: 14, color: "#222222", strokeWidth: 3, strokeColor: "#ffffff" }
    },
    edges: {
      width: 1.5, hoverWidth: 0.5, selectionWidth: 1.5, smooth: false,
      arrows: { to: { enabled: data.directed, scaleFactor: 0.5 } }
    }
  };
  var container = document.getElementById("network");
  var network = new vis.Network(container, {}, options);

  var api = {
    network: network, nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView,
    data: data, ready: false, readyAt: null,
    nodeCount: function () { return data.nodes.length; },
    edgeCount: function () { return data.edges.length; },
    visibleNodeCount: function () { return nodesView.length; },
    visibleEdgeCount: function () { return edgesView.length; },
    visibleNodeIds: function () { return nodesView.getIds(); },
    visibleEdgeIds: function () { return edgesView.getIds(); },
    drawnNodeCount: function () { return network.body.nodeIndices.length; },
    drawnEdgeCount: function () { return network.body.edgeIndices.length; },
    heldIn: heldIn,
    setYear: setYear,
    search: search,
    showDetails: function (id) {
      if (nodeById.has(id)) showNode(nodeById.get(id));
      else if (edgeById.has(id)) showEdge(edgeById.get(id));
    }
  };
  window.spacecoopMap = api;

  network.once("afterDrawing", function () {
    api.ready = true;
    api.readyAt = performance.now();
    document.body.dataset.ready = "true";
  });
  network.setData({ nodes: nodesView, edges: edgesView });
  network.fit({ animation: false });

  // --- status --------------------------------------------------------------------------------

  var status = document.getElementById("status");
  function refresh() {
    nodesView.refresh();
    edgesView.refresh();
    var shownNodes = nodesView.length;
    var shownEdges = edgesView.length;
    status.textContent = fmt(S.shown, { nodes: shownNodes, edges: shownEdges });
    container.dataset.visibleNodes = String(shownNodes);
    container.dataset.visibleEdges = String(shownEdges);
  }
  container.dataset.totalNodes = String(data.nodes.length);
  container.dataset.totalEdges = String(data.edges.length);

  // --- legend and filters --------------------------------------------------------------------

  function svg(tag, attributes) {
    var element = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (k) { element.setAttribute(k, attributes[k]); });
    return element;
  }
  function edgeSwatch(style) {
    var box = svg("svg", { width: 30, height: 10, "aria-hidden": "true" });
    var line = svg("line", {
      x1: 1, y1: 5, x2: 29, y2: 5, stroke: style.color, "stroke-width": 2.5
    });
    if (style.dashes) line.setAttribute("stroke-dasharray", style.dashes.join(" "));
    box.appendChild(line);
    return box;
  }
  function nodeSwatch(style) {
    var box = svg("svg", { width: 14, height: 14, "aria-hidden": "true" });
    var paint = { fill: style.color, stroke: "#333", "stroke-width": 0.8 };
    var shape;
    if (style.shape === "square") {
      shape = svg("rect", Object.assign({ x: 2, y: 2, width: 10, height: 10 }, paint));
    } else if (style.shape === "diamond") {
      shape = svg("polygon", Object.assign({ points: "7,1 13,7 7,13 1,7" }, paint));
    } else if (style.shape === "triangle") {
      shape = svg("polygon", Object.assign({ points: "7,1 13,12 1,12" }, paint));
    } else {
      shape = svg("circle", Object.assign({ cx: 7, cy: 7, r: 5.5 }, paint));
    }
    box.appendChild(shape);
    return box;
  }
  function filterRow(list, name, count, swatch, dataName, key, set) {
    var row = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = !set.has(key);
    box.dataset[dataName] = key;
    box.addEventListener("change", function () {
      if (box.checked) set.delete(key); else set.add(key);
      refresh();
    });
    row.appendChild(box);
    if (swatch) row.appendChild(swatch);
    var text = document.createElement("span");
    text.className = "name";
    text.textContent = name;
    row.appendChild(text);
    var number = document.createElement("span");
    number.className = "count";
    number.textContent = String(count);
    row.appendChild(number);
    list.appendChild(row);
    return box;
  }
  function counted(items, key) {
    var counts = new Map();
    items.forEach(function (item) {
      var k = key(item);
      counts.set(k, (counts.get(k) || 0) + 1);
    });
    return counts;
  }
  function inPaletteOrder(counts, order) {
    return Array.from(counts.keys()).sort(function (a, b) {
      var i = order.indexOf(a), j = order.indexOf(b);
      if (i < 0) i = order.length;
      if (j < 0) j = order.length;
      return i - j || (a < b ? -1 : a > b ? 1 : 0);
    });
  }

  var edgeKindList = document.getElementById("edge-kinds");
  var edgeKindCounts = counted(data.edges, edgeKindKey);
  inPaletteOrder(edgeKindCounts, data.edgeKindOrder).forEach(function (kind) {
    var style = data.edgeStyles[kind] || data.edgeStyles.other;
    filterRow(edgeKindList, edgeKindName(kind), edgeKindCounts.get(kind), edgeSwatch(style),
      "edgeKind", kind, hidden.edgeKinds);
  });

  var nodeKindList = document.getElementById("node-kinds");
  var nodeKindCounts = counted(data.nodes, nodeKindKey);
  inPaletteOrder(nodeKindCounts, data.nodeKindOrder).forEach(function (kind) {
    var style = data.nodeStyles[kind] || data.nodeStyles.other;
    filterRow(nodeKindList, nodeKindName(kind), nodeKindCounts.get(kind), nodeSwatch(style),
      "nodeKind", kind, hidden.nodeKinds);
  });

  var frameworkList = document.getElementById("frameworks");
  var frameworkCounts = counted(data.edges, frameworkKey);
  var frameworkNames = new Map();
  data.edges.forEach(function (e) {
    if (!frameworkNames.has(frameworkKey(e))) frameworkNames.set(frameworkKey(e), frameworkName(e));
  });
  var collator = new Intl.Collator(lang);
  var frameworkBoxes = Array.from(frameworkCounts.keys()).sort(function (a, b) {
    return collator.compare(frameworkNames.get(a), frameworkNames.get(b)) || (a < b ? -1 : 1);
  }).map(function (key) {
    return filterRow(frameworkList, frameworkNames.get(key), frameworkCounts.get(key), null,
      "framework", key, hidden.frameworks);
  });
  function setAllFrameworks(on) {
    frameworkBoxes.forEach(function (box) {
      box.checked = on;
      if (on) hidden.frameworks.delete(box.dataset.framework);
      else hidden.frameworks.add(box.dataset.framework);
    });
    refresh();
  }
  document.getElementById("frameworks-all").addEventListener("click", function () {
    setAllFrameworks(true);
  });
  document.getElementById("frameworks-none").addEventListener("click", function () {
    setAllFrameworks(false);
  });

  // --- year slider ---------------------------------------------------------------------------

  var slider = document.getElementById("year");
  var yearValue = document.getElementById("year-value");
  function setYear(y) {
    year = Number(y);
    slider.value = String(year);
    yearValue.textContent = String(year);
    refresh();
  }
  if (data.years) {
    slider.min = String(data.years.min);
    slider.max = String(data.years.max);
    slider.value = String(year);
    yearValue.textContent = String(year);
    document.getElementById("year-min").textContent = String(data.years.min);
    document.getElementById("year-max").textContent = String(data.years.max);
    slider.addEventListener("input", function () { setYear(slider.value); });
  } else {
    document.getElementById("year-section").hidden = true;
  }

  // --- details -------------------------------------------------------------------------------

  var details = document.getElementById("details");
  function element(tag, text, className) {
    var el = document.createElement(tag);
    if (text !== undefined && text !== null) el.textContent = text;
    if (className) el.className = className;
    return el;
  }
  function fact(list, term, value) {
    if (value === null || value === undefined || value === "") return;
    list.appendChild(element("dt", term));
    var dd = element("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    list.appendChild(dd);
  }
  function sourceItem(source) {
    var item = element("li");
    var href = null;
    try {
      var url = new URL(source);
      if (url.protocol === "https:" || url.protocol === "http:") href = url.href;
    } catch (error) {
      href = null;
    }
    if (href) {
      var link = element("a", source);
      link.href = href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      item.appendChild(link);
    } else {
      item.textContent = source;
    }
    return item;
  }
  function showNode(n) {
    details.replaceChildren();
    details.appendChild(element("p", nodeLabel(n), "heading"));
    var list = element("dl");
    var second = n["label_" + other];
    if (second && second !== nodeLabel(n)) fact(list, other === "ja" ? "日本語" : "English", second);
    fact(list, S.kind, nodeKindName(nodeKindKey(n)) + (n.nonstate ? " (" + S.nonstate + ")" : ""));
    fact(list, S.iso3, n.iso3);
    if (n.centrality !== null) fact(list, S.centrality, n.centrality.toFixed(3));
    fact(list, "IRI", n.id);
    var links = element("ul");
    var shown = edgesView.get({ filter: function (item) {
      return item.from === n.id || item.to === n.id;
    } });
    shown.slice(0, 200).forEach(function (item) {
      var e = edgeById.get(item.id);
      var partner = nodeById.get(e.from === n.id ? e.to : e.from);
      links.appendChild(element("li", edgeKindName(edgeKindKey(e)) + " — " + nodeLabel(partner) +
        " (" + frameworkName(e) + ", " + dates(e) + ")"));
    });
    fact(list, S.links + " (" + shown.length + ")", shown.length ? links : null);
    details.appendChild(list);
  }
  function showEdge(e) {
    details.replaceChildren();
    details.appendChild(element("p", pick(e, "label") || edgeKindName(edgeKindKey(e)), "heading"));
    var list = element("dl");
    fact(list, S.kind, edgeKindName(edgeKindKey(e)));
    fact(list, S.framework, frameworkName(e));
    fact(list, S.links, nodeLabel(nodeById.get(e.from)) + " — " + nodeLabel(nodeById.get(e.to)));
    fact(list, S.dates, dates(e));
    var sources = element("ul");
    e.sources.forEach(function (s) { sources.appendChild(sourceItem(s)); });
    fact(list, S.sources, e.sources.length ? sources : null);
    details.appendChild(list);
  }
  network.on("click", function (params) {
    if (params.nodes.length) showNode(nodeById.get(params.nodes[0]));
    else if (params.edges.length) showEdge(edgeById.get(params.edges[0]));
  });

  // --- search --------------------------------------------------------------------------------

  function normalise(text) {
    return (text || "").normalize("NFKC").toLocaleLowerCase().trim();
  }
  var searchIndex = data.nodes.slice().sort(function (a, b) {
    return b.size - a.size || (a.id < b.id ? -1 : 1);
  }).map(function (n) {
    return { node: n, keys: [n.label_en, n.label_ja, n.iso3].filter(Boolean).map(normalise) };
  });
  var names = new Set();
  data.nodes.forEach(function (n) {
    if (n.label_en) names.add(n.label_en);
    if (n.label_ja) names.add(n.label_ja);
  });
  var datalist = document.getElementById("search-names");
  Array.from(names).sort().forEach(function (name) {
    var option = document.createElement("option");
    option.value = name;
    datalist.appendChild(option);
  });
  var tests = [
    function (key, q) { return key === q; },
    function (key, q) { return key.startsWith(q); },
    function (key, q) { return key.indexOf(q) >= 0; }
  ];
  function findNode(query) {
    if (nodeById.has(query.trim())) return nodeById.get(query.trim());
    var q = normalise(query);
    if (!q) return null;
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < searchIndex.length; i++) {
        var entry = searchIndex[i];
        if (entry.keys.some(function (key) { return tests[t](key, q); })) return entry.node;
      }
    }
    return null;
  }
  var searchResult = document.getElementById("search-result");
  function search(query) {
    var n = findNode(query);
    if (!n) {
      searchResult.textContent = fmt(S.not_found, { query: query });
      return null;
    }
    if (!nodesView.get(n.id)) {
      searchResult.textContent = fmt(S.hidden_by_filters, { label: nodeLabel(n) });
      return n.id;
    }
    network.selectNodes([n.id]);
    network.focus(n.id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    searchResult.textContent = fmt(S.found, { label: nodeLabel(n) });
    showNode(n);
    return n.id;
  }
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    search(document.getElementById("search").value);
  });

  refresh();
})();
