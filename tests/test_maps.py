"""The map's graph: frameworks as nodes, bilateral ties between states, and focus views that
are views. ``map_views`` is a small world whose answers are known by construction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields
from datetime import date, timedelta

import pytest

from spacecoop import analyse
from spacecoop.analyse import Affiliation, Event, Views

BASE = "https://w3id.org/spacecoop/"
JPN, USA, IND, FRA, BTN, AUS, NZL = (
    f"{BASE}country/{c}" for c in ("JPN", "USA", "IND", "FRA", "BTN", "AUS", "NZL")
)
COPUOS, QUAD, JPUS = f"{BASE}body/copuos", f"{BASE}body/quad-swg", f"{BASE}body/jp-us-dialogue"
OST, ARTEMIS = f"{BASE}instrument/outer-space-treaty", f"{BASE}instrument/artemis-accords"
BILATERAL = f"{BASE}instrument/jp-us-framework-agreement"
CAPACITY = f"{BASE}project/space-law"
SOURCE = "https://www.unoosa.org/"
#: The views with date precision (earliest and latest start and end, ``on(day)``).
PRECISE_VIEWS = "earliest_start" in {f.name for f in fields(Affiliation)}


def affiliation(actor, framework, kind, start, end=None) -> Affiliation:
    """A standing (``kind``: membership, party or signatory) from ``start`` to its last day
    ``end``, dated to the day, in whichever form the views take."""
    if PRECISE_VIEWS:
        after = None if end is None else (date.fromisoformat(end) + timedelta(days=1)).isoformat()
        return Affiliation(actor, framework, kind, kind != "signatory", start, start, after, after,
                           start, end, (SOURCE,))
    return Affiliation(actor, framework, "membership" if kind == "membership" else "consent",
                       start, end, (SOURCE,))


def event(node, kind, framework, a, b, start, sources=(SOURCE,)) -> Event:
    if PRECISE_VIEWS:
        return Event(node, kind, framework, a, b, start, start, start, tuple(sources))
    return Event(node, kind, framework, a, b, start, None, tuple(sources))


@dataclass(frozen=True)
class YearOnly:
    """A standing whose source gives only its year: it certainly holds from ``start`` (the
    year's last day), possibly from ``earliest_start``."""

    actor: str
    framework: str
    kind: str
    earliest_start: str
    start: str
    start_shown: str
    sources: tuple[str, ...] = (SOURCE,)
    end = None

    def on(self, day):
        day = None if day is None else str(day)
        if day is None or day >= self.start:
            return True
        return False if day >= self.earliest_start else None


def map_views() -> Views:
    """Japan: a COPUOS member, a party to the Outer Space Treaty (signed, then ratified), an
    Artemis signatory, in a framework agreement with the US only, in three rounds of a dialogue
    with the US, at a four-party Quad meeting (Japan, US, India, Australia) and funding an
    activity for Bhutan. The US also holds a dialogue with France; India, France and New
    Zealand are linked to Japan only through frameworks."""
    views = Views()
    for iri, kind, iso3, en, ja in (
        (JPN, "state", "JPN", "Japan", "日本"),
        (USA, "state", "USA", "United States", "アメリカ合衆国"),
        (IND, "state", "IND", "India", "インド"),
        (FRA, "state", "FRA", "France", "フランス"),
        (BTN, "state", "BTN", "Bhutan", "ブータン"),
        (AUS, "state", "AUS", "Australia", "オーストラリア"),
        (NZL, "state", "NZL", "New Zealand", "ニュージーランド"),
        (COPUOS, "body", None, "COPUOS", "国連宇宙空間平和利用委員会"),
        (QUAD, "body", None, "Quad Space Working Group", "日米豪印宇宙作業部会"),
        (JPUS, "body", None, "Japan–US dialogue", "日米対話"),
        (OST, "instrument", None, "Outer Space Treaty", "宇宙条約"),
        (ARTEMIS, "instrument", None, "Artemis Accords", "アルテミス合意"),
        (BILATERAL, "instrument", None, "Japan–US Framework Agreement", "日米宇宙協力枠組協定"),
        (CAPACITY, "body", None, "Space law", "宇宙法"),
    ):
        views.actors[iri] = {"kind": kind, "iso3": iso3, "label_en": en, "label_ja": ja,
                             "nonstate": kind != "state"}

    joined = affiliation
    views.affiliations = [
        *(joined(a, COPUOS, "membership", "1959-12-12") for a in (JPN, USA, IND, FRA)),
        joined(NZL, COPUOS, "membership", "2020-06-01"),
        joined(JPN, OST, "signatory", "1967-01-27", "1967-10-09"),
        joined(JPN, OST, "party", "1967-10-10"),
        joined(USA, OST, "party", "1967-10-10"),
        joined(IND, OST, "party", "1982-01-18"),
        *(joined(a, ARTEMIS, "signatory", "2020-10-13") for a in (JPN, USA, AUS)),
        joined(NZL, ARTEMIS, "signatory", "2021-05-31"),
        joined(IND, ARTEMIS, "signatory", "2023-06-21"),
        joined(JPN, BILATERAL, "party", "2023-01-13"),
        joined(USA, BILATERAL, "party", "2023-01-13"),
    ]
    quad = [(a, b) for i, a in enumerate(sorted((JPN, USA, IND, AUS)))
            for b in sorted((JPN, USA, IND, AUS))[i + 1:]]
    views.events = [
        *(event(f"{BASE}meeting/jp-us-{n}", "dialogue", JPUS, JPN, USA, day)
          for n, day in ((1, "2013-03-11"), (2, "2014-05-08"), (8, "2023-03-24"))),
        *(event(f"{BASE}meeting/quad-2024", "meeting", QUAD, a, b, "2024-05-01") for a, b in quad),
        event(f"{BASE}activity/seminar", "capacity-building", CAPACITY, JPN, BTN, "2023-04-01",
              ("data/sources/report.txt",)),
        event(f"{BASE}meeting/us-fr", "dialogue", f"{BASE}body/us-fr", USA, FRA, "2022-11-30"),
    ]
    return views


@pytest.fixture(scope="module")
def views() -> Views:
    return map_views()


def lines(graph) -> Counter:
    """Records per (pair, kind): what the map draws as one line each."""
    return Counter((frozenset((a, b)), kind) for a, b, kind in graph.edges(data="kind"))


def test_the_focus_view_is_the_state_its_bilateral_partners_and_its_frameworks(views):
    graph = analyse.map_graph(views, focus=JPN)
    assert set(graph) == {JPN, USA, BTN, COPUOS, OST, ARTEMIS, QUAD}
    assert lines(graph) == {
        (frozenset((JPN, USA)), "dialogue"): 3,
        (frozenset((JPN, USA)), "agreement"): 1,
        (frozenset((JPN, BTN)), "capacity-building"): 1,
        (frozenset((JPN, COPUOS)), "membership"): 1,
        (frozenset((USA, COPUOS)), "membership"): 1,
        (frozenset((JPN, OST)), "consent"): 2,
        (frozenset((USA, OST)), "consent"): 1,
        (frozenset((JPN, ARTEMIS)), "consent"): 1,
        (frozenset((USA, ARTEMIS)), "consent"): 1,
        (frozenset((JPN, QUAD)), "meeting"): 1,
        (frozenset((USA, QUAD)), "meeting"): 1,
    }
    assert graph.graph["focus"] == JPN
    assert graph.nodes[JPN]["centrality"] == 1.0


def test_depth_two_adds_the_partners_partners_never_every_member_of_a_framework(views):
    assert set(analyse.map_graph(views, focus=JPN, depth=2)) == {
        JPN, USA, BTN, COPUOS, OST, ARTEMIS, QUAD, FRA}
    assert set(analyse.map_graph(views, focus=BTN, depth=2)) == {
        BTN, JPN, USA, COPUOS, OST, ARTEMIS, QUAD}
    assert set(analyse.map_graph(views, focus=COPUOS)) == {COPUOS, JPN, USA, IND, FRA, NZL}


def test_the_focus_view_on_a_day_has_only_what_held_then(views):
    assert set(analyse.map_graph(views, "2019-12-31", focus=JPN)) == {JPN, USA, COPUOS, OST}
    assert set(analyse.map_graph(views, "1960-01-01", focus=JPN)) == {JPN, COPUOS}
    assert set(analyse.map_graph(views, "1950-01-01", focus=JPN)) == set()


def test_the_whole_map_has_frameworks_as_nodes_and_no_pairwise_shared_links(views):
    graph = analyse.map_graph(views)
    assert set(graph) == {JPN, USA, IND, FRA, BTN, AUS, NZL, COPUOS, OST, ARTEMIS, QUAD}
    assert Counter(k for *_, k in graph.edges(data="kind")) == {
        "membership": 5, "consent": 9, "dialogue": 4, "meeting": 4, "agreement": 1, "capacity-building": 1}
    # the four-party meeting links each party to the working group, not to each other
    assert sorted(b for a, b, k in graph.edges(QUAD, data="kind")) == sorted((JPN, USA, IND, AUS))
    assert graph.nodes[OST]["members"] == 3 and graph.nodes[QUAD]["members"] == 4
    agreement = next(d for *_, d in graph.edges(data=True) if d["kind"] == "agreement")
    assert (agreement["framework"], agreement["start"], agreement["certain"]) == (BILATERAL, "2023-01-13", True)


def test_kinds_of_the_projection_select_the_matching_links_of_the_map(views):
    graph = analyse.map_graph(views, kinds=("shared-signature",))
    assert {k for *_, k in graph.edges(data="kind")} == {"consent"}
    assert set(graph) == {JPN, USA, IND, AUS, NZL, OST, ARTEMIS}
    assert {k for *_, k in analyse.map_graph(views, kinds=("dialogue",)).edges(data="kind")} == {"dialogue"}


def test_the_pairwise_projection_stays_an_option_with_the_views_actors(views):
    pairwise = analyse.map_graph(views, pairwise=True)
    assert "shared-signature" in {k for *_, k in pairwise.edges(data="kind")}
    assert not any(n in pairwise for n in (COPUOS, OST, ARTEMIS, QUAD))
    assert set(analyse.map_graph(views, focus=JPN, pairwise=True)) == {JPN, USA, BTN}


def test_a_year_only_standing_is_left_out_where_uncertain_unless_asked_for_then_dashed(views):
    world = map_views()
    world.affiliations.append(YearOnly(BTN, COPUOS, "membership", "2021-01-01", "2021-12-31", "2021"))

    def tie(graph):
        return [d for a, b, d in graph.edges(data=True) if {a, b} == {BTN, COPUOS}]

    assert tie(analyse.map_graph(world, "2021-06-30", focus=BTN)) == []
    [edge] = tie(analyse.map_graph(world, "2021-06-30", focus=BTN, include_uncertain=True))
    assert (edge["certain"], edge["start"], edge["start_shown"], edge["possible_start"]) == (
        False, "2021-12-31", "2021", "2021-01-01")
    [edge] = tie(analyse.map_graph(world, "2022-01-01", focus=BTN))
    assert edge["certain"] is True
    # without a day the map holds the whole history: certain, with the date's span for the slider
    [edge] = tie(analyse.map_graph(world))
    assert (edge["certain"], edge["possible_start"]) == (True, "2021-01-01")
    assert all(d["certain"] for *_, d in analyse.map_graph(views).edges(data=True))
    assert all("possible_start" not in d for *_, d in analyse.map_graph(views).edges(data=True))


def test_details_name_each_record_by_its_standing(views):
    graph = analyse.map_graph(views, focus=JPN)
    treaty = sorted((d["start"], d["label_en"], d["label_ja"]) for a, b, d in graph.edges(data=True)
                    if {a, b} == {JPN, OST})
    if PRECISE_VIEWS:
        assert treaty == [("1967-01-27", "signatory", "署名国"), ("1967-10-10", "party", "締約国")]
    else:
        assert treaty == [("1967-01-27", "signature or ratification", "署名・批准")] * 1 + [
            ("1967-10-10", "signature or ratification", "署名・批准")]
