"""Which nodes a map shows: ego hops, province membership, campaigns, date windows, the node budget.

Expected sets are worked out by hand from the small graph in tests/map_samples.py."""

from __future__ import annotations

import datetime as dt

import pytest
from map_samples import D2, D3, sample_graph
from map_samples import ids as sample_ids

from danvan.viz.selection import SelectionError, parse_date, select

ID = sample_ids()


def names(kg, node_ids):  # type: ignore[no-untyped-def]
    return {kg.g.nodes[n]["name"] for n in node_ids}


def test_ego_map_one_hop_is_the_person_posts_and_events() -> None:
    kg = sample_graph()
    sel = select(kg, "person", "Trần Văn An", hops=1)
    assert set(sel.nodes) == {ID["an"], ID["post1"], ID["event"]}
    assert sel.focus == [ID["an"]]
    assert sel.nodes[0] == ID["an"]
    assert {kg.g.edges[e]["type"] for e in sel.edges} == {"HOLDS", "SPOKE_AT"}
    assert not sel.cut


def test_ego_map_defaults_to_two_hops_and_matches_without_accents() -> None:
    kg = sample_graph()
    sel = select(kg, "person", "  tran VAN an ")
    # one hop: post1, event; two hops: Tỉnh ủy (post1), and from the event its organiser, place,
    # document and the three other participants. Articles never appear.
    assert set(sel.nodes) == {
        ID["an"],
        ID["post1"],
        ID["event"],
        ID["tu_nd"],
        ID["bdv_nd"],
        ID["nd"],
        ID["nq"],
        ID["binh"],
        ID["cuong"],
        ID["evil"],
    }
    assert sel.distance[ID["tu_nd"]] == 2 and sel.distance[ID["post1"]] == 1


def test_articles_only_when_asked() -> None:
    kg = sample_graph()
    sel = select(kg, "person", "Trần Văn An", hops=1, include_articles=True)
    assert ID["a1"] in sel.nodes
    assert all(kg.g.nodes[n]["label"] != "Article" for n in select(kg, "all").nodes)


def test_province_map_holds_its_members_and_one_hop_out_but_not_other_provinces() -> None:
    kg = sample_graph()
    sel = select(kg, "province", "tỉnh Nam Định")
    assert set(sel.nodes) == {
        ID["nd"],
        ID["tu_nd"],
        ID["bdv_nd"],
        ID["post1"],
        ID["post2"],
        ID["an"],
        ID["binh"],
        ID["evil"],
        ID["event"],
        ID["nq"],
        ID["dvk"],
        ID["cuong"],
    }
    assert ID["bn"] not in sel.nodes and ID["tu_bn"] not in sel.nodes


def test_campaign_map_shows_who_runs_it() -> None:
    kg = sample_graph()
    sel = select(kg, "campaign", "dan van kheo")
    assert names(kg, sel.nodes) == {"Dân vận khéo", "Nam Định", "Bắc Ninh"}


def test_organization_by_alias_and_event_by_id() -> None:
    kg = sample_graph()
    assert select(kg, "organization", "bdv", hops=1).focus == [ID["bdv_nd"]]
    sel = select(kg, "event", ID["event"])
    assert set(sel.nodes) == {
        ID["event"],
        ID["an"],
        ID["binh"],
        ID["cuong"],
        ID["evil"],
        ID["bdv_nd"],
        ID["nd"],
        ID["nq"],
    }


def test_unknown_name_names_close_matches() -> None:
    kg = sample_graph()
    with pytest.raises(SelectionError, match=r"no Person named 'Trần Văn Ann'.*trần văn an"):
        select(kg, "person", "Trần Văn Ann")


def test_date_window_drops_facts_outside_it_but_keeps_the_focus() -> None:
    kg = sample_graph()
    assert select(kg, "person", "Trần Văn An", since=D3).nodes == [ID["an"]]
    sel = select(kg, "all", since=D3)
    # only the 2024 article's facts: Cường's post in Tỉnh ủy Bắc Ninh, its place, the campaign figure
    assert set(sel.nodes) == {ID["cuong"], ID["post3"], ID["tu_bn"], ID["bn"], ID["dvk"]}
    assert any("2024-06-19" in note for note in sel.notes)
    until = select(kg, "person", "Phạm Thị Bình", hops=1, until=D2 - dt.timedelta(days=1))
    assert set(until.nodes) == {ID["binh"], ID["post2"]}


def test_max_nodes_keeps_the_closest_then_best_connected_and_says_so() -> None:
    kg = sample_graph()
    sel = select(kg, "person", "Trần Văn An", max_nodes=5)
    assert sel.cut and sel.total_nodes == 10
    # focus, both one-hop nodes, then the two best-connected two-hop nodes (Tỉnh ủy: 4 facts in the map;
    # Ban Dân vận and Nam Định tie on 3, the schema's label order puts Organization first)
    assert sel.nodes == [ID["an"], ID["event"], ID["post1"], ID["tu_nd"], ID["bdv_nd"]]
    assert all(s in sel.nodes and t in sel.nodes for s, t, _ in sel.edges)
    assert "5 most relevant of 10" in sel.notes[0]


def test_parse_date_partial_dates() -> None:
    assert parse_date("2023") == dt.date(2023, 1, 1)
    assert parse_date("2023", end=True) == dt.date(2023, 12, 31)
    assert parse_date("2024-02", end=True) == dt.date(2024, 2, 29)
    with pytest.raises(ValueError, match="not a date"):
        parse_date("23/12/2023")


def test_date_window_reads_a_holdings_stated_tenure_before_its_article_dates() -> None:
    kg = sample_graph()
    holds = next(k for s, _, k, a in kg.edges() if a["type"] == "HOLDS" and s == ID["binh"])
    # Read in an article of 2021-03-02 as a former holding of October 2019 to June 2020.
    kg.g.edges[ID["binh"], ID["post2"], holds].update(status="former", start="2019-10", end="2020-06")
    until_2020 = select(kg, "person", "Phạm Thị Bình", hops=1, until=dt.date(2020, 12, 31))
    assert holds in {k for _, _, k in until_2020.edges}  # held then, though first mentioned in 2021
    since_july_2020 = select(kg, "person", "Phạm Thị Bình", hops=1, since=dt.date(2020, 7, 1))
    assert holds not in {k for _, _, k in since_july_2020.edges}  # over by then, though mentioned in 2021
    # Her chairing of the 2023 event has no stated tenure: its article date decides.
    assert {kg.g.edges[e]["type"] for e in since_july_2020.edges} == {"CHAIRED"}
