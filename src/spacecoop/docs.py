"""The ontology's documentation page: pyLODE's HTML, mended where it falls short of the web.

pyLODE 3.3 runs the English and Japanese labels of a term together ("state国家"), makes its
anchors from labels (the class sc:Actor becomes #actor, the property sc:actor #actor1), and
declares the character set after the first 1,024 bytes, where a browser or lxml no longer
looks for it. The page written here has each term's anchor equal to its IRI's fragment (so
https://w3id.org/spacecoop/ontology#Actor lands on it), the Japanese label apart and marked
lang="ja", and <meta charset="utf-8"> first in <head>.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from .errors import UsageError
from .namespaces import SC

_ENTITY = re.compile(
    r'<div class="[^"]*\bentity\b[^"]*" id="([^"]*)">(.*?)<code>([^<]+)</code>', re.S
)
_CHARSET = re.compile(r'\s*<meta content="text/html; charset=utf-8" http-equiv="Content-Type">')
_STYLE = "\n    <style>.label-ja { font-weight: normal; color: #555; }</style>"


def ontology_page(ontology: Path) -> str:
    """The HTML documentation of the ontology file ``ontology``.

    Raises UsageError when pyLODE (the ``docs`` extra) is not installed.
    """
    import logging

    # pyLODE calls logging.basicConfig(level=DEBUG) when imported, which prints its INFO lines
    # and asyncio's DEBUG line; configuring the root logger first makes that call do nothing.
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(levelname)s: %(message)s")
    try:
        from pylode import OntPub
    except ImportError:
        raise UsageError(
            "pyLODE is not installed; install it with: pip install 'spacecoop[docs]'"
        ) from None
    import rdflib

    graph = rdflib.Graph().parse(ontology)
    labels, title = _labels(graph), _title(graph)  # before pyLODE, which edits the graph
    return mend(OntPub(ontology=graph).make_html(), labels, title)


def mend(page: str, labels: dict[str, tuple[str, str]], title: tuple[str, str]) -> str:
    """pyLODE's page with anchors equal to IRI fragments, labels apart, charset first.

    ``labels`` maps a term's IRI to its (English, Japanese) labels; ``title`` is the
    ontology's (English, Japanese) title.
    """
    page = _anchors(page, labels)
    page = re.sub(r"<h1>[^<]*</h1>", f"<h1>{_apart(*title)}</h1>", page, count=1)
    for english, japanese in labels.values():
        apart = _apart(english, japanese)
        page = page.replace(_joined(english, japanese), apart)
        page = page.replace(_joined(japanese, english), apart)  # pyLODE's order varies
    page = re.sub(r"<title>[^<]*</title>", f"<title>{html.escape(title[0])}</title>", page, count=1)
    page = _CHARSET.sub("", page, count=1)
    page = page.replace("<html>", '<html lang="en">', 1)
    return page.replace("<head>", '<head>\n    <meta charset="utf-8">' + _STYLE, 1)


def _anchors(page: str, labels: dict[str, tuple[str, str]]) -> str:
    """Each entity's id (and every link to it) becomes its IRI's fragment; another element
    whose id a fragment would take is renamed pylode-<id>. pyLODE sometimes gives an entity
    an empty id and its links href="#": those links are found by their label."""
    renamed, nameless = {}, []
    for anchor, _, iri in _ENTITY.findall(page):
        if iri.startswith(SC) and iri != SC:
            if anchor:
                renamed[anchor] = iri.removeprefix(SC)
            else:
                nameless.append(iri)
    taken = set(renamed.values()) | {iri.removeprefix(SC) for iri in nameless}
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    for other in ids - set(renamed):
        if other in taken:
            renamed[other] = f"pylode-{other}"

    def anchor(match: re.Match) -> str:
        return f'{match[1]}="{match[2]}{renamed.get(match[3], match[3])}"'

    page = re.sub(
        r'\b(id|href)="(#?)([^"]+)"', lambda m: anchor(m) if m[1] == "id" or m[2] else m[0], page
    )
    for iri in nameless:
        fragment = iri.removeprefix(SC)
        page = re.sub(
            r'(<div class="[^"]*\bentity\b[^"]*" id=)""(>(?:(?!<div class=).)*?<code>'
            + re.escape(iri)
            + "</code>)",
            rf'\1"{fragment}"\2',
            page,
            count=1,
            flags=re.S,
        )
        if iri in labels:
            for first, second in (labels[iri], labels[iri][::-1]):
                page = page.replace(
                    f'<a href="#">{_joined(first, second)}</a>',
                    f'<a href="#{fragment}">{_joined(first, second)}</a>',
                )
    return page


def _joined(first: str, second: str) -> str:
    return html.escape(first, quote=False) + html.escape(second, quote=False)


def _apart(english: str, japanese: str) -> str:
    english, japanese = html.escape(english, quote=False), html.escape(japanese, quote=False)
    return f'{english} <span class="label-ja" lang="ja">{japanese}</span>'


def _labels(graph) -> dict[str, tuple[str, str]]:
    import rdflib

    found: dict[str, dict[str, str]] = {}
    for subject, label in graph.subject_objects(rdflib.RDFS.label):
        if isinstance(label, rdflib.Literal) and label.language in ("en", "ja"):
            found.setdefault(str(subject), {})[label.language] = str(label)
    return {iri: (pair["en"], pair["ja"]) for iri, pair in found.items() if len(pair) == 2}


def _title(graph) -> tuple[str, str]:
    import rdflib

    titles = {
        t.language: str(t)
        for t in graph.objects(rdflib.URIRef(SC.rstrip("#")), rdflib.DCTERMS.title)
        if isinstance(t, rdflib.Literal)
    }
    return titles.get("en", "spacecoop ontology"), titles.get("ja", "")
