"""The ecomap's automatic layout leaves room for every node and its label (issue 16 item 4): a busy
network laid out by the spring layout alone put a place on top of a peer group in the demo, and
the PDF page drew them overlapping. Hand-placed nodes stay where they were put."""

from __future__ import annotations

import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from efh_desktop.domain.ecomap import MIN_GAP, EcoEdge, Ecomap, EcoNode, layout

KINDS = ("child", "peer_group", "place", "person_of_concern")


def network(nodes: int, links: int, seed: int) -> Ecomap:
    rng = random.Random(seed)
    ecomap = Ecomap("meeting:1", "Ecomap", [EcoNode(f"s{i}", KINDS[i % 4], f"Name {i}", f"N.{i}.", i)
                                            for i in range(nodes)])
    for _ in range(links):
        a, b = rng.sample(range(nodes), 2) if nodes > 1 else (0, 0)
        if a != b:
            ecomap.edges.append(EcoEdge(f"s{a}", f"s{b}", "friend", "friend"))
    return ecomap


def closest(positions: dict[str, tuple[float, float]], among: set[str] | None = None) -> float:
    keys = sorted(positions)
    return min((math.dist(positions[a], positions[b]) for i, a in enumerate(keys) for b in keys[i + 1:]
                if among is None or a in among or b in among), default=math.inf)


@settings(max_examples=25, deadline=None)
@given(nodes=st.integers(2, 70), links=st.integers(0, 220), seed=st.integers(0, 10_000))
def test_no_two_nodes_are_laid_out_on_top_of_each_other(nodes, links, seed):
    ecomap = layout(network(nodes, links, seed))
    assert set(ecomap.positions) == {n.key for n in ecomap.nodes}
    assert closest(ecomap.positions) >= MIN_GAP * 0.99


def test_hand_placed_nodes_stay_and_the_others_make_room_around_them():
    ecomap = network(30, 60, 7)
    ecomap.positions = {"s0": (0.0, 0.0), "s1": (10.0, 0.0)}  # put close together by hand: kept so
    ecomap.pinned = {"s0", "s1"}
    layout(ecomap)
    assert ecomap.positions["s0"] == (0.0, 0.0) and ecomap.positions["s1"] == (10.0, 0.0)
    free = {k for k in ecomap.positions if k not in ecomap.pinned}
    assert closest(ecomap.positions, free) >= MIN_GAP * 0.99


def test_the_same_network_is_laid_out_the_same_way_every_time():
    assert layout(network(40, 120, 3)).positions == layout(network(40, 120, 3)).positions
