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

    from spacecoop.export import rdf_bytes, sorted_triples

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
            compact(v.path) if v.path else "",
            v.constraint_component.removeprefix(SH),
        )
        for v in report.violations
    }


@pytest.mark.parametrize("name", INVALID)
def test_rudof_and_pyshacl_give_the_same_results_on_every_invalid_fixture(project, name):
    built = build_graph(BASE_FILES + [FIXTURES / "invalid" / f"{name}.ttl"], project.shape_files)
    expected = built.report.results()
    assert expected, "the fixture must fail"
    assert rudof_results(turtle_of(built.store), project.shape_files) == expected


def test_rudof_finds_the_real_graph_conforming(project, built):
    assert built.report.conforms
    assert rudof_results(turtle_of(built.store), project.shape_files) == set()


CALENDAR = {  # the derived day bounds (sc:beginsOn) are infer's business, left out here
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
