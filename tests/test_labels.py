"""Every ontology term, concept, country and framework has one label in English and one in Japanese."""

from __future__ import annotations

from conftest import select


def labels_missing(store, kinds: str) -> list[tuple]:
    return select(store, f"""SELECT ?x ?lang WHERE {{
        VALUES ?kind {{ {kinds} }} ?x a ?kind . VALUES ?lang {{ "en" "ja" }}
        FILTER NOT EXISTS {{ ?x rdfs:label ?l FILTER (LANG(?l) = ?lang) }} }}""")


def test_every_ontology_term_has_english_and_japanese_labels(store):
    kinds = "<http://www.w3.org/2002/07/owl#Class> <http://www.w3.org/2002/07/owl#ObjectProperty> <http://www.w3.org/2002/07/owl#DatatypeProperty> skos:Concept skos:ConceptScheme"
    assert labels_missing(store, kinds) == []
    count = select(store, "SELECT (COUNT(?x) AS ?n) WHERE { ?x a ?k FILTER (?k IN (<http://www.w3.org/2002/07/owl#Class>, <http://www.w3.org/2002/07/owl#ObjectProperty>, <http://www.w3.org/2002/07/owl#DatatypeProperty>)) }")
    assert int(count[0][0]) > 60


def test_every_country_body_and_instrument_has_english_and_japanese_labels(store):
    assert labels_missing(store, "sc:State sc:Territory sc:Body sc:Committee sc:WorkingGroup sc:Partnership sc:DialogueSeries sc:Treaty sc:NonBindingArrangement sc:IntergovernmentalOrganisation sc:GovernmentBody") == []
    assert select(store, "SELECT (COUNT(?s) AS ?n) WHERE { ?s a sc:State }") == [("198",)]
    assert select(store, "SELECT (COUNT(?s) AS ?n) WHERE { ?s a sc:Territory }") == [("51",)]  # 249 ISO 3166-1 entries


def test_japan_is_japan_in_both_languages(store):
    assert select(store, "SELECT ?l WHERE { country:JPN rdfs:label ?l } ORDER BY ?l") == [("Japan",), ("日本",)]


def test_every_ontology_term_has_a_definition(store):
    assert select(store, """SELECT ?term WHERE {
        VALUES ?type { <http://www.w3.org/2002/07/owl#Class> <http://www.w3.org/2002/07/owl#ObjectProperty> <http://www.w3.org/2002/07/owl#DatatypeProperty> }
        ?term a ?type FILTER (STRSTARTS(STR(?term), "https://w3id.org/spacecoop/ontology#"))
        FILTER NOT EXISTS { ?term skos:definition ?d FILTER (LANG(?d) = "en") } }""") == []


def test_a_states_consents_and_memberships_name_it_in_japanese_in_their_japanese_labels(store):
    """Not "Angola：アルテミス合意に署名" or "AUS：日米豪印": a Japanese map shows these labels."""
    named = """{ ?x a sc:Membership ; org:member ?state } UNION { ?x a sc:ConsentAction ; sc:actor ?state }
        ?state a sc:State ; sc:iso3 ?code ; rdfs:label ?english FILTER (LANG(?english) = "en")
        ?x rdfs:label ?label FILTER (LANG(?label) = "ja")"""
    latin = "FILTER (CONTAINS(?label, ?english) || STRSTARTS(?label, CONCAT(?code, '：')))"
    assert select(store, f"SELECT ?x ?label WHERE {{ {named} {latin} }}") == []
    assert int(select(store, f"SELECT (COUNT(?x) AS ?n) WHERE {{ {named} }}")[0][0]) > 800
    assert select(store, "SELECT ?l WHERE { country:TZA rdfs:label ?l FILTER (LANG(?l) = 'ja') }") == [("タンザニア連合共和国",)]
