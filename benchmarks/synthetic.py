"""Synthetic Turtle of the same shape as spacecoop's real data, for benchmarks (issue 8).

Run on demand (never part of the test suite):

    .venv/bin/python benchmarks/synthetic.py --sizes 10k,100k,1m      # writes benchmarks/out/
    .venv/bin/python benchmarks/synthetic.py --sizes 10k --check      # and validates the 10k one

What is generated (deterministic: ``random.Random(seed)``):

- actors: the 249 real states of ``data/countries.ttl`` are the states (the shapes only accept
  real ISO 3166-1 alpha-3 codes, so fake ``sc:State`` nodes would not conform), plus synthetic
  government bodies (``sc:GovernmentBody`` with ``sc:ofState``) and intergovernmental
  organisations, all labelled ``@en`` and ``@ja``;
- bodies (``sc:Committee``, ``sc:WorkingGroup``, ``sc:Partnership``, ``sc:DialogueSeries`` with
  its ``sc:party`` list) and instruments (``sc:Treaty``, ``sc:NonBindingArrangement``), including
  the real IRIs the canned queries use by default (``body/copuos``, ``body/icg``,
  ``instrument/artemis-accords``, ``instrument/outer-space-treaty``, ``instrument/moon-agreement``)
  so those queries return rows;
- dated n-ary nodes, each with ``dcterms:source`` to an ``sc:Source`` (``schema:url``,
  ``dcterms:title``) and labels ``@en``/``@ja``: ``sc:Membership`` (``org:member``,
  ``org:organization``, ``org:role``, ``sc:startDate`` as xsd:gYear or xsd:date, optional
  ``sc:endDate``), ``sc:ConsentAction`` (``sc:actor``, ``sc:instrument``, ``sc:actionType``:
  signature, ratification, accession, acceptance, some withdrawals; ``sc:date``),
  ``sc:Meeting`` / ``sc:DialogueMeeting`` (``sc:meetingOf``, ``sc:party`` ×2–4,
  ``sc:startDate``, optional ``sc:endDate``, ``sc:round``, ``sc:place``).

Framework sizes are heavy-tailed like the real ones (many bilateral or small frameworks, a few
with 60–120 members). The size is the number of triples of the loaded graph *including*
``ontology/spacecoop.ttl``, ``ontology/concepts.ttl`` and ``data/countries.ttl`` (before the
derived triples ``infer`` adds): generation stops when that total is reached.
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
ROLES = ["member"] * 8 + ["associate-member", "observer"]
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
    text = (ROOT / "data" / "countries.ttl").read_text(encoding="utf-8")
    return sorted(set(re.findall(r'sc:iso3 "([A-Z]{3})"', text)))


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
            self.consents(iri, en, ja, members, founded)
        elif kind == "sc:DialogueSeries":
            self.meetings(iri, en, ja, members, founded, dialogue=True)
        else:
            self.memberships(iri, en, ja, members, founded)
            self.meetings(iri, en, ja, members, founded, dialogue=False)

    def memberships(self, body, en, ja, members, founded) -> None:
        rng = self.rng
        for actor in members:
            start = rng.randint(founded, 2025)
            pairs = [
                ("rdfs:label", [lit(f"{self.short(actor)} in {en}", "en"),
                                lit(f"{self.short(actor)}：{ja}加盟", "ja")]),
                ("dcterms:source", [self.source()]),
                ("org:member", [actor]),
                ("org:organization", [body]),
                ("org:role", [f"role:{rng.choice(ROLES)}"]),
                ("sc:startDate", [typed(str(start), "gYear") if rng.random() < 0.7
                                  else typed(self.day(start), "date")]),
            ]
            if rng.random() < 0.1 and start < 2025:
                pairs.append(("sc:endDate", [typed(str(rng.randint(start + 1, 2026)), "gYear")]))
            self.w.block(f"membership:{self.short(body)}-{self.short(actor)}", "sc:Membership",
                         pairs)

    def consents(self, instrument, en, ja, members, founded) -> None:
        rng = self.rng
        for actor in members:
            year = rng.randint(founded, 2025)
            steps = [("signature" if rng.random() < 0.7 else rng.choice(CONSENT[2:]), year)]
            if steps[0][0] == "signature" and rng.random() < 0.6:
                steps.append(("ratification", min(2026, year + rng.randint(0, 5))))
            if rng.random() < 0.04:
                steps.append(("withdrawal", min(2026, steps[-1][1] + rng.randint(1, 10))))
            for action, when in steps:
                self.w.block(
                    f"action:{self.short(instrument)}-{self.short(actor)}-{action}",
                    "sc:ConsentAction",
                    [
                        ("rdfs:label", [lit(f"{self.short(actor)}: {action} of the {en}", "en"),
                                        lit(f"{self.short(actor)}：{ja}の{action}", "ja")]),
                        ("dcterms:source", [self.source()]),
                        ("sc:actionType", [f"actiontype:{action}"]),
                        ("sc:actor", [actor]),
                        ("sc:date", [typed(self.day(when), "date")]),
                        ("sc:instrument", [instrument]),
                    ],
                )

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
            pairs = [
                ("rdfs:label", [lit(f"{en}: meeting {number} ({start})", "en"),
                                lit(f"{ja}第{number}回会合（{start}）", "ja")]),
                ("dcterms:source", [self.source()]),
                ("sc:meetingOf", [body]),
                ("sc:party", parties),
                ("sc:place", [lit(rng.choice(PLACES), "en")]),
                ("sc:round", [str(number)]),
                ("sc:startDate", [typed(start, "date")]),
            ]
            if rng.random() < 0.3:
                pairs.append(("sc:endDate", [typed(f"{start[:8]}{min(28, int(start[8:]) + rng.randint(0, 3)):02d}",
                                                   "date")]))
            self.w.block(f"meeting:{self.short(body)}-{number}-{start}",
                         "sc:DialogueMeeting" if dialogue else "sc:Meeting", pairs)

    def run(self) -> None:
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
