"""IRIs of our vocabulary and data, and the prefixes every output and query uses.

Plain strings on purpose: the pipeline runs on pyoxigraph, and importing rdflib here would
slow the command line's start-up.
"""

BASE = "https://w3id.org/spacecoop/"
SC = BASE + "ontology#"
CONCEPT = BASE + "concept/"

PREFIXES: dict[str, str] = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "sc": SC,
    "schema": "https://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#",
    "shape": BASE + "shapes#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "void": "http://rdfs.org/ns/void#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "action": BASE + "action/",
    "actiontype": CONCEPT + "action/",
    "activity": BASE + "activity/",
    "actor": BASE + "actor/",
    "agent": BASE + "agent/",
    "body": BASE + "body/",
    "contribution": BASE + "contribution/",
    "coverage": BASE + "coverage/",
    "country": BASE + "country/",
    "doc": BASE + "document/",
    "gnss": BASE + "gnss/",
    "instrument": BASE + "instrument/",
    "meeting": BASE + "meeting/",
    "membership": BASE + "membership/",
    "project": BASE + "project/",
    "role": CONCEPT + "role/",
    "source": BASE + "source/",
    "topic": CONCEPT + "topic/",
}

XSD = PREFIXES["xsd"]
RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS_LABEL = PREFIXES["rdfs"] + "label"

# The kinds of link between two actors in the network views (see analyse.py).
LINK_KINDS = (
    "dialogue",
    "meeting",
    "agreement",
    "capacity-building",
    "shared-membership",
    "shared-party",
    "shared-signature",
)

# The network files and panels `spacecoop export` writes (see export.py and panels.py).
PANEL_FORMATS = ("dyad-year", "dyad-year-long", "state-year", "state-year-long")
NETWORK_FORMATS = ("graphml", "gexf", "cytoscape", "csv", *PANEL_FORMATS)

# Short names users type resolve under these folders of BASE, tried in this order.
SHORT_NAME_FOLDERS = ("country", "body", "instrument", "actor", "project", "document")


def expand(short_or_iri: str) -> str:
    """Turn ``country/JPN``, ``sc:State`` or a full IRI into a full IRI."""
    if short_or_iri.startswith(("http://", "https://", "urn:")):
        return short_or_iri
    prefix, sep, local = short_or_iri.partition(":")
    if sep and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    return BASE + short_or_iri


def compact(iri: str) -> str:
    """The shortest prefixed form of an IRI, or the IRI itself."""
    best = iri
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) - len(ns) + len(prefix) + 1 < len(best):
            best = f"{prefix}:{iri[len(ns) :]}"
    return best
