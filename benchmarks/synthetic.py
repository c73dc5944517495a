"""Synthetic Turtle of the same shape as spacecoop's real data, for benchmarks (issues 8, 23).

Run on demand (never part of the test suite):

    .venv/bin/python benchmarks/synthetic.py --sizes 10k,100k,1m      # writes benchmarks/out/
    .venv/bin/python benchmarks/synthetic.py --sizes 10k --check      # and validates the 10k one

What is generated (deterministic: ``random.Random(seed)``), in the mix of the real data (the
shares below are the real graph's, counted in November 2026):

- actors: the 198 ``sc:State`` entries of ``data/countries.ttl`` (not its 51 territories: the
  shapes accept only states and organisations as members and parties), plus synthetic
  government bodies (``sc:GovernmentBody`` with ``sc:ofState``) and intergovernmental
  organisations, all labelled ``@en`` and ``@ja``;
- bodies (``sc:Committee``, ``sc:WorkingGroup``, ``sc:Partnership``, ``sc:DialogueSeries`` with
  its ``sc:party`` list) and instruments (``sc:Treaty``, ``sc:NonBindingArrangement``), including
  the real IRIs the canned queries use by default (``body/copuos``, ``body/icg``,
  ``instrument/artemis-accords``, ``instrument/outer-space-treaty``, ``instrument/moon-agreement``)
  so those queries return rows;
- consent actions in the lifecycles ``infer`` turns into standings (``sc:Standing``): a
  signature, then (for about half) a consent to be bound; an accession or succession alone; a
  status table's attestation (``sc:attestedOn`` with ``consent-to-be-bound`` for a party,
  ``signature`` for a signatory: 41 % of the real consent actions); a few withdrawals. Dated
  acts carry ``sc:date`` as xsd:date (89 %), xsd:gYearMonth (7 %) or xsd:gYear (4 %); a
  non-binding arrangement gets signatures only;
- memberships with ``org:role`` (member 97 %, associate member 3 %, observer), started by
  ``sc:startDate`` (xsd:date, gYear or gYearMonth) or attested only (19 %), some ended;
- dated meetings (``sc:Meeting`` of a body, ``sc:DialogueMeeting`` of a series) with round,
  place, parties, an end date for most multilateral sessions, and a few attested only;
- every such node has ``dcterms:source`` to a declared ``sc:Source`` (``schema:url``,
  ``dcterms:title``), labels ``@en``/``@ja`` and (like the real data) an ``rdfs:comment``
  naming the source's confidence.

Framework sizes are heavy-tailed like the real ones (many bilateral or small frameworks, a few
with 60–120 members). The size is the number of triples of the loaded graph *including*
``ontology/spacecoop.ttl``, ``ontology/concepts.ttl`` and ``data/countries.ttl`` (before the
derived triples ``infer`` adds): generation stops when that total is reached. The generated
graph conforms to the shapes (``--check``; ``benchmarks/run.py`` records it per size).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
BASE_FILES = [
    ROOT / "ontology" / "spacecoop.ttl",
    ROOT / "ontology" / "concepts.ttl",
    ROOT / "data" / "countries.ttl",
]
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
SEED = 20260408

PREFIXES = """\
@prefix actiontype: <https://w3id.org/spacecoop/concept/action/> .
@prefix action: <https://w3id.org/spacecoop/action/> .
@prefix actor: <https://w3id.org/spacecoop/actor/> .
@prefix body: <https://w3id.org/spacecoop/body/> .
@prefix country: <https://w3id.org/spacecoop/country/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix instrument: <https://w3id.org/spacecoop/instrument/> .
@prefix meeting: <https://w3id.org/spacecoop/meeting/> .
@prefix membership: <https://w3id.org/spacecoop/membership/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix role: <https://w3id.org/spacecoop/concept/role/> .
@prefix sc: <https://w3id.org/spacecoop/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix source: <https://w3id.org/spacecoop/source/> .
@prefix topic: <https://w3id.org/spacecoop/concept/topic/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

"""

PLACES = ["Tokyo", "Vienna", "Washington, D.C.", "Paris", "New Delhi", "Canberra", "Geneva",
          "Brussels", "Seoul", "Online", "New York", "Bangkok", "Nairobi", "Brasília"]
CONSENT = ["signature", "ratification", "accession", "acceptance", "succession"]
ROLES = ["member"] * 96 + ["associate-member"] * 3 + ["observer"]
TOPICS = ["lts", "gnss", "exploration", "rule-of-law", "space-resources", "capacity-building"]
# The real frameworks the canned queries name by default: (prefix, local, class, en, ja, size).
NAMED = [
    ("body", "copuos", "sc:Committee", "UN Committee on the Peaceful Uses of Outer Space (COPUOS)",
     "国連宇宙空間平和利用委員会（COPUOS）", 102),
    ("body", "icg", "sc:Committee", "International Committee on GNSS (ICG)",
     "衛星航法システムに関する国際委員会（ICG）", 24),
    ("instrument", "artemis-accords", "sc:NonBindingArrangement", "Artemis Accords",
     "アルテミス合意", 56),
    ("instrument", "outer-space-treaty", "sc:Treaty", "Outer Space Treaty", "宇宙条約", 115),
    ("instrument", "moon-agreement", "sc:Treaty", "Moon Agreement", "月協定", 18),
]


def lit(text: str, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def typed(text: str, datatype: str) -> str:
    return f'"{text}"^^xsd:{datatype}'


class Writer:
    """Collects blocks (one subject each, objects grouped per predicate) and counts triples."""

    def __init__(self, handle):
        self.handle = handle
        self.triples = 0

    def block(self, subject: str, kind: str, pairs: list[tuple[str, list[str]]]) -> None:
        lines = [subject, f"    a {kind}"]
        self.triples += 1
        for predicate, objects in pairs:
            if objects:
                lines[-1] += " ;"
                lines.append(f"    {predicate} {', '.join(objects)}")
                self.triples += len(objects)
        self.handle.write("\n".join(lines) + " .\n\n")


def base_triples() -> int:
    import pyoxigraph as ox

    return sum(
        sum(1 for _ in ox.parse(path=str(p), format=ox.RdfFormat.TURTLE)) for p in BASE_FILES
    )


def states() -> list[str]:
    """The ISO alpha-3 codes of the entries typed ``sc:State`` (territories left out)."""
    text = (ROOT / "data" / "countries.ttl").read_text(encoding="utf-8")
    return sorted(set(re.findall(r"country:([A-Z]{3})\n    a sc:State ;", text)))


# The two sources data/countries.ttl cites, declared in data/sources.ttl (not loaded here).
COUNTRY_SOURCES = [
    ("source:iso-3166-1", "ISO 3166-1 country codes and names, as shipped by pycountry",
     "https://pypi.org/project/pycountry/"),
    ("source:mledoze-countries", "World countries: the ISO 3166-1 independence status of each entry",
     "https://github.com/mledoze/countries"),
]
CONFIDENCE = ["Source confidence: high.", "Source confidence: medium.", "Source confidence: low."]


class Generator:
    def __init__(self, writer: Writer, budget: int, seed: int = SEED):
        self.w = writer
        self.budget = budget
        self.rng = random.Random(seed)
        iso = states()
        # JPN and a few space powers first: heavy-tailed participation, like the real data.
        leaders = ["JPN", "USA", "FRA", "DEU", "GBR", "IND", "AUS", "CAN", "ITA", "KOR", "CHN",
                   "RUS", "BRA", "ARE", "LUX", "NZL"]
        self.states = [f"country:{c}" for c in leaders] + [
            f"country:{c}" for c in iso if c not in leaders
        ]
        self.actors = list(self.states)
        self.n_sources = 0
        self.sources: list[str] = []
        self.serial = 0

    # --- helpers -----------------------------------------------------------------------
    def done(self) -> bool:
        return self.w.triples >= self.budget

    def pick_actors(self, k: int) -> list[str]:
        rng, actors = self.rng, self.actors
        chosen: set[str] = set()
        while len(chosen) < min(k, len(actors)):
            # heavy-tailed: index ~ Pareto, so the first actors are in many frameworks
            index = int(rng.paretovariate(0.9)) - 1
            if index >= len(actors) or rng.random() < 0.35:
                index = rng.randrange(len(actors))
            chosen.add(actors[index])
        return sorted(chosen)

    def source(self) -> str:
        """A new source about one time in three; else one already cited."""
        if not self.sources or self.rng.random() < 0.34:
            self.n_sources += 1
            name = f"source:syn-{self.n_sources:07d}"
            title = f"Synthetic source document {self.n_sources}"
            self.w.block(name, "sc:Source", [
                ("rdfs:label", [lit(title, "en")]),
                ("dcterms:title", [lit(title)]),
                ("schema:url", [f"<https://example.org/spacecoop/source/{self.n_sources}>"]),
            ])
            self.sources.append(name)
            return name
        return self.rng.choice(self.sources[-400:])

    def day(self, year: int) -> str:
        return f"{year:04d}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def size(self) -> int:
        r = self.rng.random()
        if r < 0.5:
            return self.rng.randint(2, 4)
        if r < 0.88:
            return self.rng.randint(5, 20)
        return self.rng.randint(21, 60)

    def short(self, iri: str) -> str:
        return iri.split(":", 1)[1]

    # --- entities ----------------------------------------------------------------------
    def add_agency(self) -> None:
        self.serial += 1
        n = self.serial
        state = self.rng.choice(self.states[:60])
        if self.rng.random() < 0.15:
            name = f"actor:syn-igo-{n:06d}"
            self.w.block(name, "sc:IntergovernmentalOrganisation", [
                ("rdfs:label", [lit(f"Synthetic organisation {n}", "en"), lit(f"合成機関{n}", "ja")]),
            ])
        else:
            name = f"actor:syn-agency-{n:06d}"
            self.w.block(name, "sc:GovernmentBody", [
                ("rdfs:label", [lit(f"Synthetic agency {n} of {self.short(state)}", "en"),
                                lit(f"合成政府機関{n}", "ja")]),
                ("sc:ofState", [state]),
            ])
        self.actors.append(name)

    def framework(self, named=None) -> None:
        rng = self.rng
        if named:
            prefix, local, kind, en, ja, size = named
            iri = f"{prefix}:{local}"
        else:
            self.serial += 1
            r = rng.random()
            size = self.size()
            if r < 0.30:
                kind = rng.choice(["sc:Committee", "sc:Committee", "sc:WorkingGroup",
                                   "sc:Partnership"])
                iri = f"body:syn-body-{self.serial:06d}"
                en, ja = f"Synthetic body {self.serial}", f"合成委員会{self.serial}"
            elif r < 0.55:
                kind = "sc:DialogueSeries"
                iri = f"body:syn-dialogue-{self.serial:06d}"
                en, ja = f"Synthetic dialogue {self.serial}", f"合成対話{self.serial}"
                size = rng.choice([2, 2, 2, 2, 3, 4])
            else:
                kind = rng.choice(["sc:Treaty", "sc:NonBindingArrangement"])
                iri = f"instrument:syn-instrument-{self.serial:06d}"
                en, ja = f"Synthetic instrument {self.serial}", f"合成文書{self.serial}"
        founded = rng.randint(1958, 2022)
        members = self.pick_actors(size)
        if named and "country:JPN" not in members:
            members = sorted(set(members[1:]) | {"country:JPN"})
        pairs = [
            ("rdfs:label", [lit(en, "en"), lit(ja, "ja")]),
            ("dcterms:source", [self.source()]),
            ("dcterms:subject", [f"topic:{rng.choice(TOPICS)}"]),
        ]
        if kind == "sc:DialogueSeries":
            if "country:JPN" not in members and rng.random() < 0.5:
                members = sorted(set(members[1:]) | {"country:JPN"})
            pairs.append(("sc:party", members))
        elif kind in ("sc:Treaty", "sc:NonBindingArrangement"):
            pairs.append(("sc:openedForSignatureOn", [typed(self.day(founded), "date")]))
        else:
            pairs.append(("sc:establishedOn", [typed(self.day(founded), "date")]))
        self.w.block(iri, kind, pairs)
        if kind in ("sc:Treaty", "sc:NonBindingArrangement"):
            self.consents(iri, en, ja, members, founded, binding=kind == "sc:Treaty")
        elif kind == "sc:DialogueSeries":
            self.meetings(iri, en, ja, members, founded, dialogue=True)
        else:
            self.memberships(iri, en, ja, members, founded)
            self.meetings(iri, en, ja, members, founded, dialogue=False)

    def memberships(self, body, en, ja, members, founded) -> None:
        rng = self.rng
        for actor in members:
            start = rng.randint(founded, 2025)
            r = rng.random()
            if r < 0.50:
                dated = ("sc:startDate", typed(self.day(start), "date"))
            elif r < 0.70:
                dated = ("sc:startDate", typed(str(start), "gYear"))
            elif r < 0.81:
                dated = ("sc:startDate", typed(f"{start:04d}-{rng.randint(1, 12):02d}", "gYearMonth"))
            else:
                dated = ("sc:attestedOn", typed(self.day(max(start, 2011)), "date"))
            pairs = [
                ("rdfs:label", [lit(f"{self.short(actor)} in {en}", "en"),
                                lit(f"{self.short(actor)}：{ja}加盟", "ja")]),
                ("rdfs:comment", self.comment()),
                ("dcterms:source", [self.source()]),
                ("org:member", [actor]),
                ("org:organization", [body]),
                ("org:role", [f"role:{rng.choice(ROLES)}"]),
                (dated[0], [dated[1]]),
            ]
            if dated[0] == "sc:startDate" and rng.random() < 0.08 and start < 2025:
                pairs.append(("sc:endDate", [typed(str(rng.randint(start + 1, 2026)), "gYear")]))
            self.w.block(f"membership:{self.short(body)}-{self.short(actor)}", "sc:Membership",
                         pairs)

    def comment(self) -> list[str]:
        return [lit(self.rng.choice(CONFIDENCE), "en")]

    def when(self, year: int) -> str:
        """A consent's date at the real mix of precisions: day 89 %, month 7 %, year 4 %."""
        r = self.rng.random()
        if r < 0.89:
            return typed(self.day(year), "date")
        if r < 0.96:
            return typed(f"{year:04d}-{self.rng.randint(1, 12):02d}", "gYearMonth")
        return typed(str(year), "gYear")

    def consents(self, instrument, en, ja, members, founded, *, binding: bool) -> None:
        """Each member's lifecycle on the instrument, as ``infer`` reads it into standings."""
        rng = self.rng
        table = f"{rng.randint(2015, 2026)}-01-01"  # the status table attesting the rest
        for actor in members:
            year = rng.randint(founded, 2025)
            r = rng.random()
            steps: list[tuple[str, str, str]] = []  # (action type, date property, literal)
            if r < 0.41:  # only a status table shows it: party (binding) or signatory
                kind = "consent-to-be-bound" if binding and rng.random() < 0.75 else "signature"
                steps.append((kind, "sc:attestedOn", typed(table, "date")))
            elif not binding or r < 0.80:
                steps.append(("signature", "sc:date", self.when(year)))
                if binding and rng.random() < 0.55:
                    later = min(2026, year + rng.randint(1, 6))
                    kind = rng.choice(["ratification"] * 5 + ["acceptance", "entry-into-force"])
                    steps.append((kind, "sc:date", self.when(later)))
            else:
                steps.append((rng.choice(["accession"] * 5 + ["succession"]), "sc:date",
                              self.when(year)))
            if rng.random() < 0.01 and steps[-1][1] == "sc:date":
                steps.append(("withdrawal", "sc:date",
                              typed(self.day(min(2026, year + 7 + rng.randint(0, 5))), "date")))
            for action, prop, value in steps:
                pairs = [
                    ("rdfs:label", [lit(f"{self.short(actor)}: {action} of the {en}", "en"),
                                    lit(f"{self.short(actor)}：{ja}の{action}", "ja")]),
                    ("rdfs:comment", self.comment() if rng.random() < 0.8 else []),
                    ("dcterms:source", [self.source()]),
                    ("sc:actionType", [f"actiontype:{action}"]),
                    ("sc:actor", [actor]),
                    (prop, [value]),
                    ("sc:instrument", [instrument]),
                ]
                if rng.random() < 0.11:
                    pairs.append(("sc:place", [lit(rng.choice(PLACES), "en")]))
                self.w.block(
                    f"action:{self.short(instrument)}-{self.short(actor)}-{action}",
                    "sc:ConsentAction", pairs)

    def meetings(self, body, en, ja, members, founded, *, dialogue: bool) -> None:
        rng = self.rng
        rounds = rng.randint(1, 8) if dialogue else rng.randint(0, 5)
        year = max(founded, 1990 if dialogue else founded)
        for number in range(1, rounds + 1):
            year = min(2026, year + rng.randint(0, 3))
            start = self.day(year)
            if dialogue:
                parties = members
            else:
                parties = sorted(rng.sample(members, min(len(members), rng.randint(2, 4))))
            if len(parties) < 2:
                continue
            attested = dialogue and rng.random() < 0.05
            pairs = [
                ("rdfs:label", [lit(f"{en}: meeting {number} ({start})", "en"),
                                lit(f"{ja}第{number}回会合（{start}）", "ja")]),
                ("rdfs:comment", self.comment()),
                ("dcterms:source", [self.source()]),
                ("sc:meetingOf", [body]),
                ("sc:party", parties),
                ("sc:place", [lit(rng.choice(PLACES), "en")]),
                ("sc:round", [str(number)]),
                ("sc:attestedOn" if attested else "sc:startDate", [typed(start, "date")]),
            ]
            if not attested and rng.random() < (0.25 if dialogue else 0.8):
                pairs.append(("sc:endDate", [typed(f"{start[:8]}{min(28, int(start[8:]) + rng.randint(0, 3)):02d}",
                                                   "date")]))
            self.w.block(f"meeting:{self.short(body)}-{number}-{start}",
                         "sc:DialogueMeeting" if dialogue else "sc:Meeting", pairs)

    def run(self) -> None:
        for name, title, url in COUNTRY_SOURCES:
            self.w.block(name, "sc:Source", [
                ("rdfs:label", [lit(title, "en")]),
                ("dcterms:title", [lit(title)]),
                ("schema:url", [f"<{url}>"]),
            ])
        for named in NAMED:
            self.framework(named)
        while not self.done():
            # about one new non-state actor per 120 triples, so actors grow with the graph
            if self.rng.random() < 0.25:
                self.add_agency()
            self.framework()


def generate(size: str, seed: int = SEED, out: Path = OUT) -> tuple[Path, dict]:
    target = SIZES[size] if size in SIZES else int(size)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"synthetic-{size}.ttl"
    base = base_triples()
    started = time.perf_counter()
    with path.open("w", encoding="utf-8") as handle:
        handle.write(PREFIXES)
        handle.write(f"# Synthetic spacecoop data, seed {seed}, target {target} triples "
                     f"including {base} ontology/concepts/countries triples.\n\n")
        writer = Writer(handle)
        Generator(writer, max(0, target - base), seed).run()
    info = {"size": size, "file": str(path), "synthetic_triples": writer.triples,
            "base_triples": base, "total_triples": writer.triples + base,
            "seconds": round(time.perf_counter() - started, 2)}
    return path, info


def graph_files(size: str) -> list[Path]:
    """The files of a synthetic graph: ontology, concepts, real countries, synthetic data."""
    return [*BASE_FILES, OUT / f"synthetic-{size}.ttl"]


def shape_files() -> list[Path]:
    return sorted((ROOT / "ontology").glob("shapes*.ttl"))


def check(size: str) -> bool:
    from spacecoop.pipeline import build_graph

    built = build_graph(graph_files(size), shape_files())
    rows = [r for r in built.report.rows if r.severity == "Violation"]
    for row in rows[:20]:
        print("  ", row.where, row.focus, row.path, row.constraint, row.message, file=sys.stderr)
    print(f"{size}: {len(built.store)} triples after infer, conforms={built.report.conforms}, "
          f"{len(rows)} violations")
    return built.report.conforms


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1m")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--check", action="store_true", help="validate each output with the shapes")
    args = parser.parse_args(argv)
    ok = True
    for size in args.sizes.split(","):
        _, info = generate(size.strip(), args.seed)
        print(info)
        if args.check:
            ok = check(size.strip()) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
