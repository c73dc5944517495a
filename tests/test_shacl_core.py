"""The SHACL Core engine on Oxigraph gives pySHACL's rows (pySHACL is the reference): on the
real graph, on every invalid fixture, and on graphs mutated by hypothesis."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from conftest import FIXTURES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_shapes import BASE_FILES

from spacecoop.pipeline import build_graph
from spacecoop.validate import load_shapes, validate

SC = "https://w3id.org/spacecoop/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
FIXTURE_NAMES = sorted(p.stem for p in (FIXTURES / "invalid").glob("*.ttl"))


@pytest.fixture(scope="module")
def shapes(project):
    return load_shapes(project.shape_files)


def both(built, shapes):
    core = validate(built.store, shapes, built.origins, engine="core")
    reference = validate(built.store, shapes, built.origins, workers=1, engine="pyshacl")
    return core, reference


def test_the_real_graph_gives_the_same_rows(built, shapes):
    core, reference = both(built, shapes)
    assert core.rows == reference.rows == ()


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_every_invalid_fixture_gives_the_same_rows(shapes, name):
    built = build_graph(BASE_FILES + [FIXTURES / "invalid" / f"{name}.ttl"], check=False)
    core, reference = both(built, shapes)
    assert core.rows == reference.rows
    assert not core.conforms


def test_shapes_with_a_sparql_constraint_go_to_pyshacl(project, tmp_path):
    extra = tmp_path / "shapes-extra.ttl"
    extra.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> .
<urn:test:S> a sh:NodeShape ; sh:targetNode <urn:test:x> ;
    sh:sparql [ sh:select "SELECT $this WHERE { }" ] .
""", encoding="utf-8")
    shapes = load_shapes([*project.shape_files, extra])
    built = build_graph(BASE_FILES, check=False)
    with pytest.raises(ValueError, match=r"does not implement \['select', 'sparql'\]"):
        validate(built.store, shapes, built.origins, engine="core")
    (row,) = validate(built.store, shapes, built.origins).rows
    assert (row.focus, row.constraint) == ("urn:test:x", "SPARQLConstraintComponent")


# Values that break one constraint or another: days and months that do not exist, ill-typed
# numbers, a language the labels do not take, an unknown code, a blank node, a plain string.
ODD_VALUES = [
    ox.Literal("2021-02-30", datatype=ox.NamedNode(XSD + "date")),
    ox.Literal("2021-13", datatype=ox.NamedNode(XSD + "gYearMonth")),
    ox.Literal("20x1", datatype=ox.NamedNode(XSD + "gYear")),
    ox.Literal("2021", datatype=ox.NamedNode(XSD + "gYear")),
    ox.Literal("1.5", datatype=ox.NamedNode(XSD + "integer")),
    ox.Literal("-3", datatype=ox.NamedNode(XSD + "integer")),
    ox.Literal("a label", language="fr"),
    ox.Literal("日本", language="ja"),
    ox.Literal("JPN"),
    ox.NamedNode("https://w3id.org/spacecoop/country/XYZ"),
    ox.NamedNode("https://w3id.org/spacecoop/country/JPN"),
    ox.BlankNode("odd"),
]
CLASSES = [ox.NamedNode(SC + name) for name in ("Source", "Membership", "ConsentAction", "Meeting",
                                                "State", "DialogueSeries", "Treaty")]


@pytest.fixture(scope="module")
def base():
    files = BASE_FILES + [ROOT / "data" / "quad.ttl", ROOT / "data" / "japan-us-framework-agreement.ttl"]
    built = build_graph(files, check=False)
    subjects = sorted({q.subject.value for q in built.store if q.subject.value in built.origins
                       and "/country/" not in q.subject.value})
    return files, subjects


mutation = st.tuples(st.sampled_from(["drop", "replace", "type"]), st.integers(0, 10**6),
                     st.integers(0, 10**6))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutated_graphs_give_the_same_rows(base, shapes, mutations):
    files, subjects = base
    built = build_graph(files, check=False)
    store = built.store
    for kind, a, b in mutations:
        subject = ox.NamedNode(subjects[a % len(subjects)])
        quads = sorted(store.quads_for_pattern(subject, None, None), key=str)
        if not quads:
            continue
        quad = quads[b % len(quads)]
        if kind == "drop":
            store.remove(quad)
        elif kind == "replace":
            store.remove(quad)
            store.add(ox.Quad(quad.subject, quad.predicate, ODD_VALUES[b % len(ODD_VALUES)]))
        else:
            store.add(ox.Quad(subject, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                              CLASSES[b % len(CLASSES)]))
    core, reference = both(built, shapes)
    assert core.rows == reference.rows
