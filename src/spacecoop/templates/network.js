/* spacecoop network map: draws the JSON in #spacecoop-data with vis-network.
 * Every text from the data reaches the page through textContent, a plain-text tooltip, a canvas
 * label or an SVG text node; no HTML is ever built from data. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("spacecoop-data").textContent);
  var lang = data.lang;
  var S = data.strings[lang];
  function other() { return lang === "en" ? "ja" : "en"; }
  var SVG = "http://www.w3.org/2000/svg";
  var fontFace = window.getComputedStyle(document.body).fontFamily;
  var LABEL_PX = 13;  // labels keep this size on screen whatever the zoom

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
    return item[field + "_" + lang] || item[field + "_" + other()] || null;
  }
  function shortName(iri) { return String(iri).replace(/\/+$/, "").split(/[/#]/).pop(); }
  function nodeLabel(n) { return pick(n, "label") || shortName(n.id); }
  /* The name written on the map: one wider than MAX_LABEL_PX is cut (the tooltip and the
   * details give it whole). */
  var MAX_LABEL_PX = 230;
  var widthOf = document.createElement("canvas").getContext("2d");
  var cut = new Map();
  function mapLabel(n) {
    var text = nodeLabel(n);
    var key = lang + "\u0000" + n.id;
    if (cut.has(key)) return cut.get(key);
    widthOf.font = LABEL_PX + "px " + fontFace;
    var shown = text;
    if (widthOf.measureText(text).width > MAX_LABEL_PX) {
      var chars = Array.from(text);
      while (chars.length > 1 && widthOf.measureText(chars.join("") + "…").width > MAX_LABEL_PX) chars.pop();
      shown = chars.join("").trim() + "…";
    }
    cut.set(key, shown);
    return shown;
  }
  function nodeKindKey(n) { return n.kind || "other"; }
  function nodeKindName(kind) { return S.node_kind_names[kind] || kind; }
  function edgeKindKey(e) { return e.kind || "other"; }
  function edgeKindName(kind) { return S.edge_kind_names[kind] || kind; }
  function frameworkIri(r) { return r.framework === null ? "" : data.frameworks[r.framework][0]; }
  function frameworkName(r) {
    if (r.framework === null) return "—";
    var row = data.frameworks[r.framework];
    return (lang === "en" ? row[1] || row[2] : row[2] || row[1]) || shortName(row[0]);
  }
  function recordLabel(r) { return pick(r, "label") || frameworkName(r); }
  function shownDate(r, which) {
    return r[which + "_shown"] || r[which] || null;
  }
  function recordDates(r) {
    var start = shownDate(r, "start") || S.unknown_date;
    var end = shownDate(r, "end");
    var text = end === start ? start : start + " – " + (end || S.ongoing);
    return stateAt(r, month) === true ? text : text + " (" + S.uncertain + ")";
  }
  function edgeDates(e) {
    return (e.start || S.unknown_date) + " – " + (e.end || S.ongoing);
  }
  function nodeStyle(n) { return data.nodeStyles[n.kind] || data.nodeStyles.other; }
  function edgeStyle(e) { return data.edgeStyles[e.kind] || data.edgeStyles.other; }

  // --- what is shown -------------------------------------------------------------------------

  var hidden = { edgeKinds: new Set(data.hiddenEdgeKinds || []), nodeKinds: new Set(), frameworks: new Set() };
  var months = [];
  if (data.months) {
    var y = Number(data.months.min.slice(0, 4)), m = Number(data.months.min.slice(5, 7));
    for (;;) {
      var key = String(y).padStart(4, "0") + "-" + String(m).padStart(2, "0");
      months.push(key);
      if (key >= data.months.max) break;
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
  }
  var month = data.months ? data.months["default"] : null;

  function lastDay(monthKey) {
    var y = Number(monthKey.slice(0, 4)), m = Number(monthKey.slice(5, 7));
    var day = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return monthKey + "-" + String(day).padStart(2, "0");
  }
  /* The rule of the date slider: a record certainly holds at month M if it had certainly
   * begun by the last day of M and had not ended before that day; it possibly holds if that
   * is so only of its widest dates ("from" the earliest start "until" the latest end), as
   * when the source gives a year. Returns true, false (possibly) or null (not). */
  function stateAt(r, monthKey) {
    if (monthKey === null || monthKey === undefined) return r.certain === false ? false : true;
    var day = lastDay(monthKey);
    var ended = r.end !== null && r.end < day;
    if ((r.start === null || r.start <= day) && !ended) return r.certain === false ? false : true;
    var from = r.from || r.start, until = r.end === null ? null : (r.until || r.end);
    if ((from === null || from <= day) && (until === null || until >= day)) return false;
    return null;
  }
  function heldAt(r, monthKey) { return stateAt(r, monthKey) !== null; }
  function certainAt(e) {
    return shownRecords(e).some(function (r) { return stateAt(r, month) === true; });
  }
  function nodeShown(n) { return !hidden.nodeKinds.has(nodeKindKey(n)); }
  function shownRecords(e) {
    if (hidden.edgeKinds.has(edgeKindKey(e))) return [];
    if (!nodeShown(nodeById.get(e.from)) || !nodeShown(nodeById.get(e.to))) return [];
    return e.events.filter(function (r) {
      return !hidden.frameworks.has(frameworkIri(r)) && heldAt(r, month);
    });
  }
  function edgeShown(e) { return shownRecords(e).length > 0; }
  function widthFor(count) { return Math.min(9, 1 + 2 * Math.log2(Math.max(1, count))); }

  // --- tooltips ------------------------------------------------------------------------------

  function nodeTooltip(n) {
    var lines = [nodeLabel(n)];
    var second = n["label_" + other()];
    if (second && second !== lines[0]) lines.push(second);
    var facts = [nodeKindName(nodeKindKey(n))];
    if (n.iso3) facts.push(n.iso3);
    if (n.nonstate) facts.push(S.nonstate);
    lines.push(facts.join(" · "));
    lines.push(S.links + ": " + (degree.get(n.id) || 0));
    return lines.join("\n");
  }
  function edgeTooltip(e) {
    var records = shownRecords(e);
    if (!records.length) records = e.events;
    var lines = [edgeKindName(edgeKindKey(e)) + " · " + nodeLabel(nodeById.get(e.from)) + " — " +
      nodeLabel(nodeById.get(e.to))];
    lines.push(S.records + ": " + records.length);
    records.slice(0, 8).forEach(function (r) {
      lines.push("• " + recordDates(r) + " · " + recordLabel(r));
    });
    if (records.length > 8) lines.push(fmt(S.more_records, { count: records.length - 8 }));
    return lines.join("\n");
  }

  // --- vis data ------------------------------------------------------------------------------

  // vis-network's shapes of one size look of different sizes: these make them look alike
  var SHAPE_SCALE = { dot: 0.5, square: 0.5, diamond: 0.6, triangle: 0.7 };
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var style = nodeStyle(n);
    return {
      id: n.id, label: "", title: nodeTooltip(n),
      x: n.x, y: n.y, size: n.size * (SHAPE_SCALE[style.shape] || 0.5),
      shape: style.shape, color: { background: style.color, border: "#333333" }
    };
  }));
  function visEdge(e) {
    var style = edgeStyle(e);
    var records = shownRecords(e);
    var smooth = e.curve ? {
      enabled: true, type: e.curve > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(e.curve)
    } : false;
    return {
      id: e.id, from: e.from, to: e.to, title: edgeTooltip(e),
      width: widthFor(records.length || e.count),
      color: { color: style.color, highlight: style.color, hover: style.color, opacity: 0.8 },
      dashes: certainAt(e) ? false : data.uncertainDashes, smooth: smooth
    };
  }
  var edges = new vis.DataSet(data.edges.map(visEdge));
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
      font: { face: fontFace, size: LABEL_PX, color: "#222222", strokeWidth: 3, strokeColor: "#ffffff" }
    },
    edges: {
      hoverWidth: 0.5, selectionWidth: 1.5, smooth: false,
      arrows: { to: { enabled: data.directed, scaleFactor: 0.5 } }
    }
  };
  var container = document.getElementById("network");
  var network = new vis.Network(container, {}, options);
  network.on("beforeDrawing", function (ctx) {
    // a white ground, so that the PNG export is not transparent
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
  });

  // --- labels that do not overlap ------------------------------------------------------------

  var labelled = new Set();
  var measure = document.createElement("canvas").getContext("2d");
  /* Write the labels of the nodes in rank order (the focus, then the most central), each only
   * if its box does not overlap one already written or a node's shape; the others show on
   * hover, and more appear as one zooms in (labels keep their size on screen). */
  function placeLabels() {
    var scale = network.getScale() || 1;
    var size = LABEL_PX / scale;
    measure.font = LABEL_PX + "px " + fontFace;
    var boxes = [];
    var shapes = {};
    var positions = network.getPositions(nodesView.getIds());
    var ordered = nodesView.getIds().map(function (id) { return nodeById.get(id); })
      .sort(function (a, b) { return a.rank - b.rank; });
    ordered.forEach(function (n) {
      var p = positions[n.id];
      var r = nodes.get(n.id).size;
      shapes[n.id] = { left: p.x - r, right: p.x + r, top: p.y - r, bottom: p.y + r };
    });
    function overlaps(box) {
      for (var i = 0; i < boxes.length; i++) {
        var b = boxes[i];
        if (box.left < b.right && b.left < box.right && box.top < b.bottom && b.top < box.bottom) return true;
      }
      return false;
    }
    var next = new Set();
    ordered.forEach(function (n) {
      var p = positions[n.id];
      var r = nodes.get(n.id).size;
      var width = (measure.measureText(mapLabel(n)).width + 6) / scale;
      var box = { left: p.x - width / 2, right: p.x + width / 2, top: p.y + r + 1 / scale,
        bottom: p.y + r + 1 / scale + size * 1.25, id: n.id };
      if (n.id === data.focus || !overlaps(box)) {
        boxes.push(box);
        boxes.push(shapes[n.id]);
        next.add(n.id);
      }
    });
    var changes = [];
    data.nodes.forEach(function (n) {
      var on = next.has(n.id);
      changes.push({ id: n.id, label: on ? mapLabel(n) : "", font: { size: size } });
    });
    labelled = next;
    nodes.update(changes);
  }
  var labelTimer = null;
  network.on("zoom", function () {
    if (labelTimer) clearTimeout(labelTimer);
    labelTimer = setTimeout(placeLabels, 120);
  });

  // --- API for tests and benchmarks ---------------------------------------------------------

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
    labelledNodeIds: function () { return Array.from(labelled); },
    lang: function () { return lang; },
    months: months,
    heldAt: heldAt,
    stateAt: stateAt,
    setMonth: setMonth,
    setYear: function (year) { setMonth(String(year).padStart(4, "0") + "-12"); },
    setLang: setLang,
    search: search,
    svgText: svgText,
    csvText: csvText,
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
  // room at the edges for the labels of the outermost nodes
  network.moveTo({ scale: network.getScale() * 0.88, animation: false });

  // --- status --------------------------------------------------------------------------------

  var status = document.getElementById("status");
  function updateStatus() {
    var shownNodes = nodesView.length;
    var shownEdges = edgesView.length;
    status.textContent = fmt(S.shown, { nodes: shownNodes, edges: shownEdges });
    container.dataset.visibleNodes = String(shownNodes);
    container.dataset.visibleEdges = String(shownEdges);
  }
  function refresh() {
    nodesView.refresh();
    var changes = [];
    data.edges.forEach(function (e) {
      var count = shownRecords(e).length;
      if (count) {
        var width = widthFor(count);
        var dashes = certainAt(e) ? false : data.uncertainDashes;
        var drawn = edges.get(e.id);
        if (drawn.width !== width || String(drawn.dashes) !== String(dashes)) {
          changes.push({ id: e.id, width: width, dashes: dashes, title: edgeTooltip(e) });
        }
      }
    });
    if (changes.length) edges.update(changes);
    edgesView.refresh();
    updateStatus();
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
    box.appendChild(svg("line", { x1: 1, y1: 5, x2: 29, y2: 5, stroke: style.color, "stroke-width": 3 }));
    return box;
  }
  function nodeShape(style, cx, cy, r) {
    var paint = { fill: style.color, stroke: "#333", "stroke-width": 0.8 };
    if (style.shape === "square") {
      return svg("rect", Object.assign({ x: cx - r, y: cy - r, width: 2 * r, height: 2 * r }, paint));
    }
    if (style.shape === "diamond") {
      return svg("polygon", Object.assign({
        points: [cx, cy - r, cx + r, cy, cx, cy + r, cx - r, cy].join(" ") }, paint));
    }
    if (style.shape === "triangle") {
      return svg("polygon", Object.assign({
        points: [cx, cy - r, cx + r, cy + 0.8 * r, cx - r, cy + 0.8 * r].join(" ") }, paint));
    }
    return svg("circle", Object.assign({ cx: cx, cy: cy, r: r }, paint));
  }
  function nodeSwatch(style) {
    var box = svg("svg", { width: 14, height: 14, "aria-hidden": "true" });
    box.appendChild(nodeShape(style, 7, 7, 5.5));
    return box;
  }
  var nameSetters = [];
  function filterRow(list, nameOf, count, swatch, dataName, key, set) {
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
    text.textContent = nameOf();
    nameSetters.push(function () { text.textContent = nameOf(); });
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
    filterRow(edgeKindList, function () { return edgeKindName(kind); }, edgeKindCounts.get(kind),
      edgeSwatch(style), "edgeKind", kind, hidden.edgeKinds);
  });

  var nodeKindList = document.getElementById("node-kinds");
  var nodeKindCounts = counted(data.nodes, nodeKindKey);
  inPaletteOrder(nodeKindCounts, data.nodeKindOrder).forEach(function (kind) {
    var style = data.nodeStyles[kind] || data.nodeStyles.other;
    filterRow(nodeKindList, function () { return nodeKindName(kind); }, nodeKindCounts.get(kind),
      nodeSwatch(style), "nodeKind", kind, hidden.nodeKinds);
  });

  var frameworkList = document.getElementById("frameworks");
  var frameworkCounts = new Map();
  data.edges.forEach(function (e) {
    e.events.forEach(function (r) {
      if (r.framework !== null) frameworkCounts.set(r.framework, (frameworkCounts.get(r.framework) || 0) + 1);
    });
  });
  var frameworkBoxes = [];
  var frameworkRows = [];
  function sortFrameworks() {
    var collator = new Intl.Collator(lang);
    var names = Array.from(frameworkCounts.keys()).map(function (i) {
      return [i, frameworkName({ framework: i })];
    }).sort(function (a, b) { return collator.compare(a[1], b[1]) || a[0] - b[0]; });
    names.forEach(function (pair) {
      var row = frameworkRows[pair[0]];
      if (row) frameworkList.appendChild(row);
    });
  }
  Array.from(frameworkCounts.keys()).sort(function (a, b) { return a - b; }).forEach(function (i) {
    var box = filterRow(frameworkList, function () { return frameworkName({ framework: i }); },
      frameworkCounts.get(i), null, "framework", data.frameworks[i][0], hidden.frameworks);
    frameworkBoxes.push(box);
    frameworkRows[i] = box.parentNode;
  });
  sortFrameworks();
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

  // --- date slider ---------------------------------------------------------------------------

  var slider = document.getElementById("month");
  var monthValue = document.getElementById("month-value");
  var playButton = document.getElementById("play");
  var playing = null;
  function setMonth(value) {
    var index = months.indexOf(value);
    if (index < 0) {
      index = 0;
      while (index < months.length - 1 && months[index] < value) index++;
    }
    month = months[index];
    slider.value = String(index);
    monthValue.textContent = month;
    refresh();
  }
  function stopPlaying() {
    if (playing) clearInterval(playing);
    playing = null;
    playButton.textContent = S.play;
    playButton.dataset.s = "play";
  }
  if (months.length) {
    slider.max = String(months.length - 1);
    slider.value = String(Math.max(0, months.indexOf(month)));
    monthValue.textContent = month;
    document.getElementById("month-min").textContent = months[0];
    document.getElementById("month-max").textContent = months[months.length - 1];
    slider.addEventListener("input", function () { stopPlaying(); setMonth(months[Number(slider.value)]); });
    var step = Math.max(1, Math.round(months.length / 300));
    playButton.addEventListener("click", function () {
      if (playing) { stopPlaying(); return; }
      if (Number(slider.value) >= months.length - 1) setMonth(months[0]);
      playButton.textContent = S.pause;
      playButton.dataset.s = "pause";
      playing = setInterval(function () {
        var next = Math.min(months.length - 1, Number(slider.value) + step);
        setMonth(months[next]);
        if (next >= months.length - 1) stopPlaying();
      }, 60);
    });
  } else {
    document.getElementById("month-section").hidden = true;
  }

  // --- details -------------------------------------------------------------------------------

  var details = document.getElementById("details");
  var detailsOf = null;
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
    detailsOf = n.id;
    details.replaceChildren();
    details.appendChild(element("p", nodeLabel(n), "heading"));
    var list = element("dl");
    var second = n["label_" + other()];
    if (second && second !== nodeLabel(n)) fact(list, other() === "ja" ? "日本語" : "English", second);
    fact(list, S.kind, nodeKindName(nodeKindKey(n)) + (n.nonstate ? " (" + S.nonstate + ")" : ""));
    fact(list, S.iso3, n.iso3);
    if (n.centrality !== null) fact(list, S.centrality, n.centrality.toFixed(3));
    fact(list, "IRI", n.id);
    var links = element("ul");
    var shown = edgesView.get({ filter: function (item) {
      return item.from === n.id || item.to === n.id;
    } });
    shown.slice(0, 300).forEach(function (item) {
      var e = edgeById.get(item.id);
      var partner = nodeById.get(e.from === n.id ? e.to : e.from);
      links.appendChild(element("li", edgeKindName(edgeKindKey(e)) + " — " + nodeLabel(partner) +
        " (" + shownRecords(e).length + ")"));
    });
    fact(list, S.links + " (" + shown.length + ")", shown.length ? links : null);
    details.appendChild(list);
  }
  function showEdge(e) {
    detailsOf = e.id;
    details.replaceChildren();
    details.appendChild(element("p", edgeKindName(edgeKindKey(e)), "heading"));
    var list = element("dl");
    fact(list, S.links, nodeLabel(nodeById.get(e.from)) + " — " + nodeLabel(nodeById.get(e.to)));
    fact(list, S.dates, edgeDates(e));
    var records = element("ol", null, "records");
    e.events.forEach(function (r) {
      var item = element("li");
      item.appendChild(element("span", recordDates(r), "date"));
      item.appendChild(document.createTextNode(" · " + recordLabel(r)));
      if (recordLabel(r) !== frameworkName(r)) item.appendChild(document.createTextNode(" (" + frameworkName(r) + ")"));
      if (!heldAt(r, month)) item.className = "later";
      if (r.sources.length) {
        var sources = element("ul");
        r.sources.forEach(function (i) { sources.appendChild(sourceItem(data.sources[i])); });
        item.appendChild(sources);
      }
      records.appendChild(item);
    });
    fact(list, S.records + " (" + e.events.length + ")", records);
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
    return a.rank - b.rank;
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
    placeLabels();
    searchResult.textContent = fmt(S.found, { label: nodeLabel(n) });
    showNode(n);
    return n.id;
  }
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    search(document.getElementById("search").value);
  });

  // --- coverage banner and notices -----------------------------------------------------------

  var coverage = document.getElementById("coverage");
  function showCoverage() {
    coverage.replaceChildren();
    if (!data.coverage || !data.coverage.length) { coverage.hidden = true; return; }
    coverage.hidden = false;
    coverage.appendChild(element("strong", S.coverage_title));
    var list = element("ul");
    data.coverage.forEach(function (row) {
      var label = pick(row, "label") || shortName(row.framework);
      var text = fmt(S.coverage_row, {
        label: label,
        recorded: row.recorded === null || row.recorded === undefined ? "?" : row.recorded,
        expected: row.expected === null || row.expected === undefined ? "?" : row.expected,
        kind: S.coverage_kinds[row.kind] || row.kind || "",
        share: row.share === null ? "" : fmt(S.coverage_share, { share: Math.round(row.share * 100) }),
        as_of: row.as_of ? fmt(S.coverage_as_of, { as_of: row.as_of }) : ""
      });
      var item = element("li", text);
      if (row.source) {
        var sources = element("ul");
        sources.appendChild(sourceItem(row.source));
        item.appendChild(sources);
      }
      list.appendChild(item);
    });
    coverage.appendChild(list);
  }
  var notice = document.getElementById("notice");
  function showNotice() {
    if (data.truncated) notice.textContent = fmt(S.truncated, data.truncated);
  }

  // --- language ------------------------------------------------------------------------------

  function setLang(code) {
    if (!data.strings[code]) return;
    lang = code;
    S = data.strings[lang];
    document.documentElement.lang = lang;
    document.title = data.titles[lang];
    document.getElementById("title").textContent = data.titles[lang];
    document.querySelectorAll("[data-s]").forEach(function (el) {
      if (typeof S[el.dataset.s] === "string") el.textContent = S[el.dataset.s];
    });
    document.querySelectorAll("[data-s-title]").forEach(function (el) {
      el.title = S[el.dataset.sTitle];
    });
    document.querySelectorAll("[data-s-placeholder]").forEach(function (el) {
      el.placeholder = S[el.dataset.sPlaceholder];
    });
    container.setAttribute("aria-label", S.map);
    nameSetters.forEach(function (set) { set(); });
    sortFrameworks();
    nodes.update(data.nodes.map(function (n) { return { id: n.id, title: nodeTooltip(n) }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, title: edgeTooltip(e) }; }));
    placeLabels();
    showCoverage();
    showNotice();
    updateStatus();
    if (detailsOf) api.showDetails(detailsOf);
  }
  document.getElementById("lang-switch").addEventListener("click", function () {
    setLang(other());
  });

  // --- exports -------------------------------------------------------------------------------

  function download(blob, name) {
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  function fileStem() { return "spacecoop-map" + (month ? "-" + month : ""); }
  document.getElementById("export-png").addEventListener("click", function () {
    network.redraw();
    var canvas = container.querySelector("canvas");
    canvas.toBlob(function (blob) { download(blob, fileStem() + ".png"); }, "image/png");
  });
  /* The visible map as SVG, in canvas coordinates: the lines, the shapes and the labels now
   * written, built as DOM nodes and serialised (texts are text nodes, never markup). */
  function svgText() {
    var ids = nodesView.getIds();
    var positions = network.getPositions(ids);
    var left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
    var scale = network.getScale() || 1;
    measure.font = LABEL_PX + "px " + fontFace;
    ids.forEach(function (id) {
      var p = positions[id], r = nodes.get(id).size + 10;
      var half = labelled.has(id) ? (measure.measureText(mapLabel(nodeById.get(id))).width / 2 + 8) / scale : 0;
      left = Math.min(left, p.x - Math.max(r, half)); right = Math.max(right, p.x + Math.max(r, half));
      top = Math.min(top, p.y - r); bottom = Math.max(bottom, p.y + r + 2 * LABEL_PX / scale);
    });
    if (!ids.length) { left = top = 0; right = bottom = 100; }
    var root = svg("svg", {
      xmlns: SVG, viewBox: [left, top, right - left, bottom - top].join(" "),
      width: Math.round(right - left), height: Math.round(bottom - top),
      "font-family": "sans-serif"
    });
    var titleElement = svg("title", {});
    titleElement.textContent = data.titles[lang] + (month ? " — " + month : "");
    root.appendChild(titleElement);
    root.appendChild(svg("rect", { x: left, y: top, width: right - left, height: bottom - top, fill: "#ffffff" }));
    var lines = svg("g", { fill: "none", "stroke-opacity": 0.8 });
    edgesView.get().forEach(function (item) {
      var e = edgeById.get(item.id);
      var a = positions[e.from], b = positions[e.to];
      var attributes = { stroke: edgeStyle(e).color, "stroke-width": widthFor(shownRecords(e).length) };
      if (!certainAt(e)) attributes["stroke-dasharray"] = data.uncertainDashes.join(" ");
      var path;
      if (e.curve) {
        var mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2, dx = b.x - a.x, dy = b.y - a.y;
        var sign = e.curve > 0 ? 1 : -1, k = Math.abs(e.curve);
        var cx = mx - sign * dy * k, cy = my + sign * dx * k;
        attributes.d = "M" + a.x + " " + a.y + " Q" + cx + " " + cy + " " + b.x + " " + b.y;
        path = svg("path", attributes);
      } else {
        path = svg("line", Object.assign({ x1: a.x, y1: a.y, x2: b.x, y2: b.y }, attributes));
      }
      lines.appendChild(path);
    });
    root.appendChild(lines);
    var shapes = svg("g", {});
    var labels = svg("g", {
      "font-size": LABEL_PX / (network.getScale() || 1), "text-anchor": "middle",
      fill: "#222222", stroke: "#ffffff", "stroke-width": 3 / (network.getScale() || 1),
      "paint-order": "stroke"
    });
    ids.forEach(function (id) {
      var n = nodeById.get(id), p = positions[id], r = nodes.get(id).size;
      shapes.appendChild(nodeShape(nodeStyle(n), p.x, p.y, r));
      if (labelled.has(id)) {
        var text = svg("text", { x: p.x, y: p.y + r + LABEL_PX / (network.getScale() || 1) });
        text.textContent = mapLabel(n);
        labels.appendChild(text);
      }
    });
    root.appendChild(shapes);
    root.appendChild(labels);
    return new XMLSerializer().serializeToString(root);
  }
  document.getElementById("export-svg").addEventListener("click", function () {
    download(new Blob([svgText()], { type: "image/svg+xml" }), fileStem() + ".svg");
  });
  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;  // no formula when a sheet opens it
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  /* The visible lines, one row per record shown at the slider's month. */
  function csvText() {
    var rows = [["source", "target", "source_label", "target_label", "kind", "records",
      "framework", "framework_label", "start", "end", "certain", "sources"]];
    edgesView.get().forEach(function (item) {
      var e = edgeById.get(item.id);
      shownRecords(e).forEach(function (r) {
        rows.push([e.from, e.to, nodeLabel(nodeById.get(e.from)), nodeLabel(nodeById.get(e.to)),
          e.kind, shownRecords(e).length, frameworkIri(r), frameworkName(r), shownDate(r, "start"),
          shownDate(r, "end"), stateAt(r, month) === true ? "true" : "false",
          r.sources.map(function (i) { return data.sources[i]; }).join(" | ")]);
      });
    });
    return rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }
  document.getElementById("export-csv").addEventListener("click", function () {
    download(new Blob(["\ufeff" + csvText()], { type: "text/csv;charset=utf-8" }), fileStem() + ".csv");
  });

  refresh();
  placeLabels();
  showCoverage();
  showNotice();
})();
