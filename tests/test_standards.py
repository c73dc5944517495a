"""Standards conformance, checked by engines no one here wrote.

- SHACL: the shapes give the same (focus node, path, constraint component) set in pySHACL
  (through `spacecoop validate`) and in rudof (pyrudof), for the real graph and every invalid
  fixture, validating the built graph exactly as a third party would read it from Turtle.
- OWL: the ontology loads in HermiT (owlready2) in strict mode, consistent, with no
  unsatisfiable class.
- JSON-LD: build/spacecoop.jsonld is compact, with our @context, and says what the Turtle says.
- Documentation: the pyLODE page has an anchor for every term's IRI fragment.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, ROOT

from spacecoop.namespaces import compact
from spacecoop.pipeline import build_graph

BASE_FILES = [
    ROOT / "ontology" / "spacecoop.ttl",
    ROOT / "ontology" / "concepts.ttl",
    ROOT / "data" / "countries.ttl",
]
INVALID = sorted(p.stem for p in (FIXTURES / "invalid").glob("*.ttl"))
SH = "http://www.w3.org/ns/shacl#"


def turtle_of(store) -> str:
    """The graph as `spacecoop build` writes it to build/spacecoop.ttl."""
    import pyoxigraph as ox

    from spacecoop.serialise import rdf_bytes, sorted_triples

    return rdf_bytes(sorted_triples(store), ox.RdfFormat.TURTLE).decode("utf-8")


def rudof_results(turtle: str, shape_files) -> set[tuple[str, str, str]]:
    """rudof's violations as (focus, path, component), shortened as `spacecoop validate` does."""
    pyrudof = pytest.importorskip("pyrudof")
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(turtle, reader_mode=pyrudof.ReaderMode.Strict)
    rudof.read_shacl("\n".join(p.read_text(encoding="utf-8") for p in shape_files))
    report = rudof.validate_shacl()
    return {
        (
            compact(v.focus_node),
            _path(v.path),
            v.constraint_component.removeprefix(SH),
        )
        for v in report.violations
    }


def _path(path: str | None) -> str:
    """A predicate path shortened; any other path as `spacecoop validate` shows it."""
    if not path:
        return ""
    return "(complex path)" if path.startswith("(") else compact(path)


@pytest.mark.parametrize("name", INVALID)
def test_rudof_and_pyshacl_give_the_same_results_on_every_invalid_fixture(project, name):
    built = build_graph(BASE_FILES + [FIXTURES / "invalid" / f"{name}.ttl"], project.shape_files)
    expected = built.report.results()
    assert expected, "the fixture must fail"
    assert rudof_results(turtle_of(built.store), project.shape_files) == expected


def test_rudof_finds_the_real_graph_conforming(project, built):
    assert built.report.conforms
    assert rudof_results(turtle_of(built.store), project.shape_files) == set()


CALENDAR = {  # the derived date bounds (sc:latestStart…) are infer's business, left out here
    ("meeting:leap-day-1900", "sc:startDate", "OrConstraintComponent"),
    ("meeting:leap-day-2023", "sc:startDate", "OrConstraintComponent"),
    ("meeting:thirty-first-of-april", "sc:endDate", "OrConstraintComponent"),
    ("meeting:year-zero-month", "sc:startDate", "OrConstraintComponent"),
    ("meeting:year-zero-month", "sc:startDate", "PatternConstraintComponent"),
}


def test_both_engines_refuse_days_that_do_not_exist_and_accept_leap_days(project):
    built = build_graph(BASE_FILES + [FIXTURES / "standards" / "calendar.ttl"], project.shape_files)
    results = built.report.results()
    assert {r for r in results if r[1] in ("sc:startDate", "sc:endDate")} == CALENDAR
    assert rudof_results(turtle_of(built.store), project.shape_files) == results


# --- OWL ------------------------------------------------------------------------------------

OWL2_DATATYPES = {  # the OWL 2 datatype map (OWL 2 Structural Specification, section 4)
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#PlainLiteral",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral",
    "http://www.w3.org/2000/01/rdf-schema#Literal",
    "http://www.w3.org/2002/07/owl#real",
    "http://www.w3.org/2002/07/owl#rational",
    *(
        "http://www.w3.org/2001/XMLSchema#" + name
        for name in [
            "decimal",
            "integer",
            "nonNegativeInteger",
            "nonPositiveInteger",
            "positiveInteger",
            "negativeInteger",
            "long",
            "int",
            "short",
            "byte",
            "unsignedLong",
            "unsignedInt",
            "unsignedShort",
            "unsignedByte",
            "double",
            "float",
            "string",
            "normalizedString",
            "token",
            "language",
            "Name",
            "NCName",
            "NMTOKEN",
            "boolean",
            "hexBinary",
            "base64Binary",
            "anyURI",
            "dateTime",
            "dateTimeStamp",
        ]
    ),
}
ONTOLOGY_FILES = [ROOT / "ontology" / "spacecoop.ttl", ROOT / "ontology" / "concepts.ttl"]


def test_every_datatype_the_ontology_names_is_in_the_owl2_datatype_map():
    """A fast guard for HermiT's strict mode: xsd:date, xsd:gYear and xsd:gYearMonth are
    not in the map, so a date property carries no rdfs:range (the shapes check the datatype)."""
    import rdflib

    graph = rdflib.Graph()
    for path in ONTOLOGY_FILES:
        graph.parse(path)
    xsd = "http://www.w3.org/2001/XMLSchema#"
    named = {
        str(o) for o in graph.objects() if isinstance(o, rdflib.URIRef) and str(o).startswith(xsd)
    }
    assert named - OWL2_DATATYPES == set()
    ranges = {
        str(o)
        for p in graph.subjects(rdflib.RDF.type, rdflib.OWL.DatatypeProperty)
        for o in graph.objects(p, rdflib.RDFS.range)
    }
    assert ranges == {xsd + "decimal", xsd + "integer", xsd + "nonNegativeInteger", xsd + "string"}


def test_object_properties_have_a_domain_and_a_range_unless_they_span_unrelated_classes():
    """The exceptions join classes with no common superclass but owl:Thing (an effort or a
    future direction; a meeting or a dialogue series; a body or an instrument; a membership
    or a consent action), and sc:countsOnly, whose value is a class used as an individual
    (a range of owl:Class would take the ontology out of OWL 2 DL)."""
    import rdflib

    graph = rdflib.Graph().parse(ROOT / "ontology" / "spacecoop.ttl")
    sc = "https://w3id.org/spacecoop/ontology#"
    properties = set(graph.subjects(rdflib.RDF.type, rdflib.OWL.ObjectProperty))
    no_domain = {
        str(p).removeprefix(sc) for p in properties if graph.value(p, rdflib.RDFS.domain) is None
    }
    no_range = {
        str(p).removeprefix(sc) for p in properties if graph.value(p, rdflib.RDFS.range) is None
    }
    assert no_domain == {"concerns", "party", "serves"}
    assert no_range == {"concerns", "countOf", "countsOnly", "evidence", "framework", "startedBy"}


@pytest.fixture(scope="module")
def hermit_world(tmp_path_factory):
    """The ontology (with its concept schemes) classified by HermiT, as Protégé would."""
    owlready2 = pytest.importorskip("owlready2")
    import shutil

    import rdflib

    if shutil.which("java") is None:
        pytest.skip("HermiT needs Java: bash scripts/setup.sh --test installs default-jre-headless")
    graph = rdflib.Graph()
    for path in ONTOLOGY_FILES:
        graph.parse(path)
    path = tmp_path_factory.mktemp("owl") / "spacecoop.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load()
    with ontology:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return world


def test_hermit_runs_strict_refusing_a_datatype_outside_the_owl2_map(hermit_world, tmp_path):
    """The check above means something: the same call refuses an xsd:date range."""
    import owlready2

    path = tmp_path / "dated.nt"
    path.write_text(
        "<https://example.org/on> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#DatatypeProperty> .\n"
        "<https://example.org/on> <http://www.w3.org/2000/01/rdf-schema#range> <http://www.w3.org/2001/XMLSchema#date> .\n",
        encoding="utf-8",
    )
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load()
    with (
        pytest.raises(owlready2.OwlReadyJavaError, match="not part of the OWL 2 datatype map"),
        ontology,
    ):
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)


def test_hermit_classifies_the_ontology_in_strict_mode_and_finds_it_consistent(hermit_world):
    # sync_reasoner_hermit raises OwlReadyInconsistentOntologyError on an inconsistent
    # ontology and OwlReadyJavaError when HermiT refuses a datatype outside the OWL 2 map.
    assert list(hermit_world.inconsistent_classes()) == []


def test_hermit_sees_every_class_of_the_ontology_and_none_is_unsatisfiable(hermit_world):
    import rdflib

    graph = rdflib.Graph().parse(ROOT / "ontology" / "spacecoop.ttl")
    declared = {str(c) for c in graph.subjects(rdflib.RDF.type, rdflib.OWL.Class)}
    loaded = {c.iri for c in hermit_world.classes()}
    assert declared <= loaded and len(declared) > 25
    nothing = hermit_world["http://www.w3.org/2002/07/owl#Nothing"]
    unsatisfiable = {c.iri for c in loaded_classes(hermit_world) if nothing in c.equivalent_to}
    assert unsatisfiable == set()


def loaded_classes(world):
    return [c for c in world.classes() if c.iri.startswith("https://w3id.org/spacecoop/")]


# --- JSON-LD --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def outputs(built, tmp_path_factory):
    from spacecoop.serialise import write_rdf

    folder = tmp_path_factory.mktemp("build")
    write_rdf(built.store, folder, "0.1.0")
    return folder


def test_jsonld_read_by_pyld_is_the_turtle(outputs):
    import json

    import rdflib
    from rdflib.compare import isomorphic

    jsonld = pytest.importorskip("pyld.jsonld")
    document = json.loads((outputs / "spacecoop.jsonld").read_text(encoding="utf-8"))
    quads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    turtle = rdflib.Graph().parse(outputs / "spacecoop.ttl")
    read = rdflib.Graph().parse(data=quads, format="nt")
    assert len(read) == len(turtle) > 10000
    assert isomorphic(read, turtle)


def test_jsonld_read_by_rdflib_is_the_turtle(outputs):
    import rdflib
    from rdflib.compare import isomorphic

    turtle = rdflib.Graph().parse(outputs / "spacecoop.ttl")
    assert isomorphic(rdflib.Graph().parse(outputs / "spacecoop.jsonld", format="json-ld"), turtle)


def test_jsonld_is_compact_and_reads_as_plain_json(outputs):
    import json

    document = json.loads((outputs / "spacecoop.jsonld").read_text(encoding="utf-8"))
    assert set(document) == {"@context", "@graph"}
    japan = next(node for node in document["@graph"] if node["id"] == "country/JPN")
    assert japan["type"] == "State"
    assert japan["label"] == {"en": "Japan", "ja": "日本"}
    assert japan["iso3"] == "JPN"
    membership = next(node for node in document["@graph"] if node["id"] == "membership/copuos-JPN")
    assert membership["member"] == "country/JPN" and membership["organization"] == "body/copuos"
    long_keys = {key for node in document["@graph"] for key in node if "://" in key}
    assert long_keys == set()


def test_the_published_context_has_a_term_for_every_class_and_property(outputs):
    import json

    import rdflib

    context = json.loads((outputs / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    inline = json.loads((outputs / "spacecoop.jsonld").read_text(encoding="utf-8"))["@context"]
    assert context == inline
    ontology = rdflib.Graph().parse(ROOT / "ontology" / "spacecoop.ttl")
    sc = "https://w3id.org/spacecoop/ontology#"
    declared = {
        str(s).removeprefix(sc)
        for kind in (rdflib.OWL.Class, rdflib.OWL.ObjectProperty, rdflib.OWL.DatatypeProperty)
        for s in ontology.subjects(rdflib.RDF.type, kind)
    }
    assert declared - set(context) == set()
    assert context["actor"] == {"@id": "sc:actor", "@type": "@id"}
    assert context["label"] == {"@id": "rdfs:label", "@container": "@language"}


# --- dataset description (DCAT, VoID) --------------------------------------------------------


def test_dataset_description_names_an_endpoint_only_when_one_is_set(built, monkeypatch):
    from spacecoop.serialise import ENDPOINT_SETTING, dataset_description

    void = "http://rdfs.org/ns/void#sparqlEndpoint"
    monkeypatch.delenv(ENDPOINT_SETTING, raising=False)
    triples = dataset_description(built.store, "0.1.0")
    assert [t for t in triples if t.predicate.value == void] == []
    assert not any("127.0.0.1" in str(t) or "localhost" in str(t) for t in triples)
    monkeypatch.setenv(ENDPOINT_SETTING, "https://example.org/spacecoop/sparql")
    named = [
        t.object.value
        for t in dataset_description(built.store, "0.1.0")
        if t.predicate.value == void
    ]
    assert named == ["https://example.org/spacecoop/sparql"]


def test_dataset_description_gives_media_types_as_iana_iris(built):
    from spacecoop.serialise import dataset_description

    triples = dataset_description(built.store, "0.1.0")
    media = sorted(
        t.object.value
        for t in triples
        if t.predicate.value == "http://www.w3.org/ns/dcat#mediaType"
    )
    assert media == [
        "https://www.iana.org/assignments/media-types/application/ld+json",
        "https://www.iana.org/assignments/media-types/text/turtle",
    ]
    typed = {
        t.subject.value for t in triples if t.object.value == "http://purl.org/dc/terms/MediaType"
    }
    assert typed == set(media)


# --- documentation page (pyLODE) --------------------------------------------------------------

SC = "https://w3id.org/spacecoop/ontology#"


def ontology_terms() -> dict[str, tuple[str, str]]:
    """Each class and property of the ontology: fragment -> (English label, Japanese label)."""
    import rdflib

    graph = rdflib.Graph().parse(ROOT / "ontology" / "spacecoop.ttl")
    terms = {}
    for kind in (rdflib.OWL.Class, rdflib.OWL.ObjectProperty, rdflib.OWL.DatatypeProperty):
        for term in graph.subjects(rdflib.RDF.type, kind):
            labels = {
                label.language: str(label) for label in graph.objects(term, rdflib.RDFS.label)
            }
            terms[str(term).removeprefix(SC)] = (labels["en"], labels["ja"])
    return terms


@pytest.fixture(scope="module")
def page() -> bytes:
    pytest.importorskip("pylode")
    from spacecoop.docs import ontology_page

    return ontology_page(ROOT / "ontology" / "spacecoop.ttl").encode("utf-8")


def test_docs_page_declares_its_charset_in_the_first_1024_bytes(page):
    import lxml.html

    assert b'<meta charset="utf-8">' in page[:1024]
    assert page.count(b"charset") == 1
    heading = lxml.html.fromstring(page).xpath("//h1")[0]  # lxml decodes by the meta tag
    assert (
        heading.text_content()
        == "spacecoop: an ontology of international space cooperation spacecoop：国際宇宙協力のオントロジー"
    )


def test_docs_page_has_an_anchor_equal_to_every_terms_iri_fragment(page):
    import lxml.html

    document = lxml.html.fromstring(page)
    terms = ontology_terms()
    assert len(terms) > 80
    ids = document.xpath("//@id")
    assert len(ids) == len(set(ids))
    for fragment in terms:
        (element,) = document.xpath(f'//*[@id="{fragment}"]')
        assert element.xpath(".//code")[0].text == SC + fragment
    links = {href[1:] for href in document.xpath("//a/@href") if href.startswith("#")}
    assert links - set(ids) == set()
    assert {"Actor", "actor", "Indicator", "indicator", "Instrument", "instrument"} <= links


def test_docs_page_keeps_english_and_japanese_labels_apart(page):
    import lxml.html

    document = lxml.html.fromstring(page)
    text = document.text_content()
    for fragment, (english, japanese) in ontology_terms().items():
        assert english + japanese not in text and japanese + english not in text, fragment
        heading = document.xpath(f'//*[@id="{fragment}"]/h3')[0]
        assert (
            heading.text_content().split()[: len(f"{english} {japanese}".split())]
            == f"{english} {japanese}".split()
        )
        assert heading.xpath('./span[@lang="ja"]')[0].text == japanese
    assert document.xpath('//*[@id="State"]/h3')[0].text_content().split()[:2] == ["state", "国家"]


# --- what a third party validates ------------------------------------------------------------


def _shapes_graph(project):
    import rdflib

    shapes = rdflib.Graph()
    for path in project.shape_files:
        shapes.parse(path)
    return shapes


def test_the_built_turtle_conforms_to_the_published_shapes_in_plain_pyshacl(project, outputs):
    """What the README tells a third party to do: build/spacecoop.ttl (ontology, data and
    derived triples) against ontology/shapes*.ttl, no inference, no spacecoop code."""
    import pyshacl
    import rdflib

    data = rdflib.Graph().parse(outputs / "spacecoop.ttl")
    conforms, _, text = pyshacl.validate(data, shacl_graph=_shapes_graph(project), inference="none")
    assert conforms, text[:2000]


def test_data_files_alone_miss_only_the_derived_triples(project):
    """data/*.ttl without `spacecoop build` lacks the derived day bounds the shapes check, and
    nothing else: every violation is on a property the ontology calls derived."""
    import pyshacl
    import rdflib

    data = rdflib.Graph()
    for path in project.graph_files:
        data.parse(path)
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=_shapes_graph(project), inference="none"
    )
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    paths = set(report.objects(None, sh.resultPath))
    assert not conforms and paths
    derived = {
        p
        for p in paths
        if any(str(d).startswith("Derived") for d in data.objects(p, rdflib.SKOS.definition))
    }
    assert paths == derived
