"""The ecomap as plain data: nodes (children, peer groups, places, persons of concern, a child's
relatives and carers), the links between them, and an automatic layout.

networkx does the graph work: the spring layout (seeded, so the same network is drawn the same
way every time), connected components and "how is this child linked to that person" (a shortest
path). Positions the user set by hand are kept and only the other nodes are laid out around them.
Nothing here knows about Qt, the database or files.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # networkx (~0.4 s to import) loads with the first graph, not at start-up (issue 17)
    import networkx as nx

NODE_KINDS = ("child", "peer_group", "place", "person_of_concern", "relative")

# Shape and colour per kind (the GUI and the PDF draw the same): distinct by shape as well as
# colour, so the picture still reads in greyscale and for colour-blind readers.
KIND_SHAPES = {"child": "circle", "peer_group": "hexagon", "place": "square", "person_of_concern": "diamond",
               "relative": "small_circle"}
KIND_COLOURS = {"child": "#2f6db5", "peer_group": "#2e8540", "place": "#b8600b", "person_of_concern": "#b3261e",
                "relative": "#6b6b6b"}

# How each relation is drawn: (line style, label). The GUI and the PDF share these, so the key
# printed under the picture always matches the lines.
LINE_STYLES = {
    "sibling": "solid_thick",
    "half_sibling": "dash_thick",
    "friend": "dot",
    "partner": "dash_dot",
    "harmed_by": "solid_red",
    "member": "solid",
    "linked": "dash_red",
    "seen_at": "dash",
    "lives_at": "solid_thin",
    "goes_to_school_at": "dot_dot",
    "relative": "solid_grey",
}


# The least distance between two laid-out nodes (layout units, as the window draws them): a node is
# 32 across and its label sits under it.
MIN_GAP = 56.0


@dataclass(frozen=True)
class EcoNode:
    key: str  # "s<subject id>" or "r<child id>:<n>" for a child's relative or carer
    kind: str
    name: str
    initials: str
    subject_id: int | None = None
    focus: bool = False  # one of the meeting's own subjects (or the child a sibling view is about)

    def label(self, full_names: bool) -> str:
        return self.name if full_names else self.initials


@dataclass(frozen=True)
class EcoEdge:
    a: str
    b: str
    relation: str
    label: str  # "sibling", "member (from 4 June 2026)", "linked: seen giving lifts"

    @property
    def style(self) -> str:
        return LINE_STYLES.get(self.relation, "solid")


@dataclass
class Ecomap:
    view: str  # "meeting:12", "siblings:5": where hand-placed positions are kept
    title: str
    nodes: list[EcoNode] = field(default_factory=list)
    edges: list[EcoEdge] = field(default_factory=list)
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    pinned: set[str] = field(default_factory=set)  # keys placed by hand

    def node(self, key: str) -> EcoNode:
        for n in self.nodes:
            if n.key == key:
                return n
        raise KeyError(key)

    def graph(self) -> nx.MultiGraph[str]:
        import networkx as nx

        g: nx.MultiGraph[str] = nx.MultiGraph()
        g.add_nodes_from(n.key for n in self.nodes)
        for e in self.edges:
            g.add_edge(e.a, e.b, relation=e.relation)
        return g

    def components(self) -> list[set[str]]:
        """Groups of nodes joined by any chain of links, biggest first."""
        import networkx as nx

        return sorted((set(c) for c in nx.connected_components(self.graph())), key=len, reverse=True)

    def path(self, a: str, b: str) -> list[EcoEdge]:
        """The shortest chain of links from ``a`` to ``b`` ([] when they are not connected)."""
        import networkx as nx

        g = self.graph()
        try:
            keys = nx.shortest_path(g, a, b)
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return []
        out = []
        for x, y in zip(keys, keys[1:], strict=False):
            out.append(next(e for e in self.edges if {e.a, e.b} == {x, y}))
        return out

    def neighbours(self, key: str) -> list[str]:
        return sorted({e.b if e.a == key else e.a for e in self.edges if key in (e.a, e.b)})


def layout(ecomap: Ecomap, *, width: float = 900.0, height: float = 620.0, seed: int = 7) -> Ecomap:
    """Positions for every node: hand-placed ones kept, the rest from a seeded spring layout, scaled
    to ``width`` × ``height`` around the origin. Returns the same object for chaining."""
    if not ecomap.nodes:
        ecomap.positions = {}
        return ecomap
    import networkx as nx

    g: nx.Graph[str] = nx.Graph()
    g.add_nodes_from(n.key for n in ecomap.nodes)
    g.add_edges_from((e.a, e.b) for e in ecomap.edges if e.a != e.b)
    scale = min(width, height) / 2
    fixed = [k for k in ecomap.pinned if k in g and k in ecomap.positions]
    if fixed:
        start = {k: (ecomap.positions[k][0] / scale, ecomap.positions[k][1] / scale) for k in fixed}
        free = [k for k in g if k not in start]
        for index, k in enumerate(free):  # a deterministic start for the free nodes
            angle = 2 * math.pi * index / max(1, len(free))
            start[k] = (0.6 * math.cos(angle), 0.6 * math.sin(angle))
        raw = nx.spring_layout(g, pos=start, fixed=fixed, seed=seed, iterations=40)
        positions = {k: (float(x) * scale, float(y) * scale) for k, (x, y) in raw.items()}
        positions.update({k: ecomap.positions[k] for k in fixed})
    else:
        spread = 1.6 / math.sqrt(max(1, g.number_of_nodes()))
        raw = nx.spring_layout(g, seed=seed, k=spread, iterations=40)
        positions = {key: (float(x) * width / 2, float(y) * height / 2) for key, (x, y) in raw.items()}
    ecomap.positions = _make_room(positions, set(fixed))
    return ecomap


def _make_room(positions: dict[str, tuple[float, float]], pinned: set[str], *, gap: float = MIN_GAP,
               rounds: int = 80) -> dict[str, tuple[float, float]]:
    """Push apart any two nodes closer than ``gap`` (the spring layout alone put a place on top of
    a peer group in a busy network), moving only nodes not placed by hand. Deterministic."""
    import numpy as np

    keys = sorted(positions)
    if len(keys) < 2:
        return positions
    # Points as complex numbers: a difference, a distance and a direction are one operation each.
    points = np.array([complex(*positions[k]) for k in keys])
    free = np.array([k not in pinned for k in keys], dtype=float)
    # Two nodes on the same spot have no direction to part in: a fixed small spiral separates them.
    points += free * 1e-3 * np.exp(1j * np.arange(len(keys)))
    # Each of a pair moves its share of the overlap: half when both are free, all of it when the
    # other was placed by hand, none when it was itself.
    both = free[:, None] + free[None, :]
    share = np.divide(free[:, None], both, out=np.zeros_like(both), where=both > 0)
    eye = np.eye(len(keys), dtype=bool)
    for _ in range(rounds):
        delta = points[:, None] - points[None, :]
        distance = np.abs(delta)
        distance[eye] = np.inf
        if distance.min() >= gap * 0.995:
            break
        push = np.clip(gap * 1.2 - distance, 0.0, None) * share
        points += (delta / np.maximum(distance, 1e-9) * push).sum(axis=1)
    out = {k: (float(z.real), float(z.imag)) for k, z in zip(keys, points, strict=True)}
    out.update({k: positions[k] for k in pinned if k in positions})  # exactly where they were put
    return out


def text_listing(ecomap: Ecomap, *, full_names: bool) -> list[str]:
    """Every link as a sentence, for screen readers and the page under the picture; nodes with no
    link are listed too, so the text says everything the picture does."""
    label = {n.key: n.label(full_names) for n in ecomap.nodes}
    kinds = {n.key: KIND_WORDS.get(n.kind, n.kind) for n in ecomap.nodes}
    lines = [f"{label[e.a]} ({kinds[e.a]}) – {e.label} – {label[e.b]} ({kinds[e.b]})"
             for e in sorted(ecomap.edges, key=lambda e: (label[e.a].casefold(), e.relation, label[e.b].casefold()))]
    linked = {k for e in ecomap.edges for k in (e.a, e.b)}
    lines += [f"{label[n.key]} ({kinds[n.key]}): no links recorded" for n in ecomap.nodes if n.key not in linked]
    return lines


KIND_WORDS = {"child": "child", "peer_group": "peer group", "place": "place",
              "person_of_concern": "person of concern", "relative": "relative or carer"}


def only_initials(ecomap: Ecomap) -> Ecomap:
    """The same picture with every name replaced by its initials (the meeting pack's page)."""
    nodes = [replace(n, name=n.initials) for n in ecomap.nodes]
    return Ecomap(ecomap.view, ecomap.title, nodes, list(ecomap.edges), dict(ecomap.positions), set(ecomap.pinned))


def without(ecomap: Ecomap, keys: Iterable[str]) -> Ecomap:
    drop = set(keys)
    return Ecomap(ecomap.view, ecomap.title, [n for n in ecomap.nodes if n.key not in drop],
                  [e for e in ecomap.edges if e.a not in drop and e.b not in drop],
                  {k: v for k, v in ecomap.positions.items() if k not in drop}, ecomap.pinned - drop)


def nearest_in_direction(ecomap: Ecomap, key: str, dx: int, dy: int) -> str | None:
    """The node to move to from ``key`` with an arrow key: the closest one whose direction from it is
    within 60° of (dx, dy) (screen coordinates, y down); None when there is none that way."""
    if key not in ecomap.positions:
        return None
    x0, y0 = ecomap.positions[key]
    best: tuple[float, str] | None = None
    for other, (x, y) in ecomap.positions.items():
        if other == key:
            continue
        vx, vy = x - x0, y - y0
        distance = math.hypot(vx, vy)
        if distance == 0:
            continue
        cosine = (vx * dx + vy * dy) / distance
        if cosine < 0.5:
            continue
        score = distance / cosine  # prefer straight ahead
        if best is None or score < best[0]:
            best = (score, other)
    return best[1] if best else None


def reading_order(ecomap: Ecomap) -> Sequence[str]:
    """The order Tab visits nodes: the meeting's own subjects first, then top to bottom, left to right."""
    def key(n: EcoNode) -> tuple[bool, float, float]:
        x, y = ecomap.positions.get(n.key, (0.0, 0.0))
        return (not n.focus, round(y / 40), x)
    return [n.key for n in sorted(ecomap.nodes, key=key)]
