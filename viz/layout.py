"""Positions for every map, computed before the page is written, so the browser draws at once with
physics off (a force simulation in the page took 7-9 s for 800 nodes).

Each connected component starts from a radial layout around its focus (or best-connected node):
rings by BFS distance, each ring ordered as its parents are. Components of up to ``NX_LIMIT`` nodes
are then relaxed by networkx's Fruchterman-Reingold (``spring_layout``, dense, seeded); bigger ones by
our own numpy version whose repulsion is estimated from a fixed-size sample of nodes per step, so a
step costs O(n * sample + edges) instead of O(n^2) (networkx needs scipy above 500 nodes, and its
dense solver is quadratic in memory). Components are packed on shelves, biggest first. Seeds are
fixed and ids break every tie, so the output is deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx
import numpy as np

from danvan.viz.style import node_size

#: Components up to this size are relaxed by networkx (its dense solver; above it needs scipy).
NX_LIMIT = 499

EDGE_LENGTH = 110.0  # canvas units: the ideal distance between neighbours
PAD = 45.0  # around each packed component
GAP = 26.0  # at least this much white between two nodes of a component laid out by networkx
ITERATIONS = 80
SAMPLE = 192
RELAX_MIN = 24  # components smaller than this keep their radial layout


def _radial(component: nx.Graph, root: str) -> dict[str, tuple[float, float]]:
    rings: list[list[str]] = [[root]]
    seen = {root}
    while True:
        nxt: list[str] = []
        for parent in rings[-1]:  # parents in ring order: children stay beside their parent
            for child in sorted(component.neighbors(parent)):
                if child not in seen:
                    seen.add(child)
                    nxt.append(child)
        if not nxt:
            break
        rings.append(nxt)
    pos = {root: (0.0, 0.0)}
    radius = 0.0
    for ring in rings[1:]:
        radius = max(radius + 1.0, len(ring) / (2 * math.pi))
        step = 2 * math.pi / len(ring)
        for i, node in enumerate(ring):
            pos[node] = (radius * math.cos(i * step), radius * math.sin(i * step))
    return pos


def _relax(component: nx.Graph, nodes: list[str], start: dict[str, tuple[float, float]]) -> np.ndarray:
    """Fruchterman-Reingold with sampled repulsion; unit ideal edge length."""
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    pos = np.array([start[node] for node in nodes], dtype=np.float64)
    if n < 3:
        return pos
    # The radial start puts a ring of thousands on a circle thousands of edges wide; the relaxation
    # cannot pull that in, and a 20,000-node map came out a blank page at the default view. Start
    # from a disc of the area the nodes need instead (about one unit square each).
    reach = float(np.sqrt(np.einsum("ij,ij->i", pos, pos)).max())
    if reach > np.sqrt(n):
        pos *= np.sqrt(n) / reach
    edges = np.array(sorted((index[u], index[v]) for u, v in component.edges() if u != v), dtype=np.int64)
    u, v = edges[:, 0], edges[:, 1]
    rng = np.random.default_rng(0)
    sample = min(SAMPLE, n)
    # Fewer steps on very big maps: 20,000 nodes took 15 s here with the full budget.
    iterations = ITERATIONS if n <= 5000 else ITERATIONS * 5 // 8
    scale = n / sample  # the sample stands for all nodes
    temperature = max(1.0, math.sqrt(n) / 2)
    cooling = (0.05 / temperature) ** (1 / iterations)
    for _ in range(iterations):
        picked = rng.choice(n, size=sample, replace=False)
        # x and y apart, as n-by-sample planes: a third axis made einsum the slowest step here.
        dx = pos[:, 0, None] - pos[picked, 0][None, :]
        dy = pos[:, 1, None] - pos[picked, 1][None, :]
        inverse = dx * dx
        inverse += dy * dy
        np.maximum(inverse, 1e-4, out=inverse)  # a node and itself: no force, no division by zero
        np.reciprocal(inverse, out=inverse)
        displacement = np.empty_like(pos)
        displacement[:, 0] = np.einsum("ij,ij->i", dx, inverse) * scale
        displacement[:, 1] = np.einsum("ij,ij->i", dy, inverse) * scale
        d = pos[u] - pos[v]
        length = np.sqrt(np.einsum("ij,ij->i", d, d))[:, None]
        pull = d * length  # attraction grows with the square of the distance
        np.subtract.at(displacement, u, pull)
        np.add.at(displacement, v, pull)
        norm = np.sqrt(np.einsum("ij,ij->i", displacement, displacement))
        np.maximum(norm, 1e-9, out=norm)
        pos += displacement * (np.minimum(norm, temperature) / norm)[:, None]
        temperature *= cooling
    pos -= np.median(pos, axis=0)
    # A sampled repulsion now and then flings a node far out, and one such node makes the default
    # view (which fits every node) a blank page: bring the stragglers back to the edge of the rest.
    radius = np.sqrt(np.einsum("ij,ij->i", pos, pos))
    edge = max(float(np.percentile(radius, 99)) * 1.15, 1.0)
    far = radius > edge
    pos[far] *= (edge / radius[far])[:, None]
    return pos


def _spread_twins(pos: np.ndarray, cell: float = 6.0) -> np.ndarray:
    """Nodes with the same neighbours feel the same forces and can land on one spot (their mutual
    repulsion is only sampled); fan such stacks out on a small circle so each stays clickable."""
    stacks: dict[tuple[int, int], list[int]] = {}
    for i, (x, y) in enumerate(pos.tolist()):
        stacks.setdefault((round(x / cell), round(y / cell)), []).append(i)
    for members in stacks.values():
        for k, i in enumerate(members[1:], start=1):
            angle = k * 2.399963  # golden angle: successive twins never line up
            radius = 18.0 * math.sqrt(k)
            pos[i] += (radius * math.cos(angle), radius * math.sin(angle))
    return pos


def _component_positions(graph: nx.Graph, nodes: list[str], focus: set[str]) -> list[tuple[float, float]]:
    if len(nodes) == 1:
        return [(0.0, 0.0)]
    # A copy, not a view: a view checks membership on every step and took seconds on 20,000 nodes.
    sub = graph.subgraph(nodes).copy()
    roots = [n for n in nodes if n in focus]
    root = roots[0] if roots else min(nodes, key=lambda n: (-sub.degree(n), n))
    start = _radial(sub, root)
    if len(nodes) < RELAX_MIN:
        # Small pieces (a person and a post, a little star) read well radially, and relaxing each
        # of the hundreds a sparse corpus graph has would cost seconds.
        return [(start[n][0] * EDGE_LENGTH, start[n][1] * EDGE_LENGTH) for n in nodes]
    if len(nodes) <= NX_LIMIT:
        # networkx works in a unit box: the radial start, scaled into it, keeps rings apart.
        spread = max(max(abs(c) for xy in start.values() for c in xy), 1e-9)
        unit = {n: (x / spread, y / spread) for n, (x, y) in start.items()}
        relaxed = nx.spring_layout(sub, pos=unit, seed=0, iterations=200)
        pos = np.array([relaxed[n] for n in nodes], dtype=np.float64)
        pos = _separate(pos * (EDGE_LENGTH / _median_edge(sub, nodes, pos)), sub, nodes)
    else:
        pos = _spread_twins(_relax(sub, nodes, start) * EDGE_LENGTH)
    return [(float(px), float(py)) for px, py in pos.tolist()]


def _separate(pos: np.ndarray, sub: nx.Graph, nodes: list[str], rounds: int = 40) -> np.ndarray:
    """Push apart nodes drawn closer than their sizes and a gap allow. Force layouts pile the leaves
    of a hub (the events held in a province, the posts of a committee) into a tight ring where no
    label fits; this widens the ring instead. Sizes are the ones the page draws (degree)."""
    radius = np.array([node_size(sub.degree(n)) for n in nodes], dtype=np.float64)
    need = radius[:, None] + radius[None, :] + GAP
    rng = np.random.default_rng(0)
    pos = pos + rng.normal(scale=1e-3, size=pos.shape)  # twins on one spot get a direction
    for _ in range(rounds):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt(np.einsum("ijk,ijk->ij", delta, delta))
        np.fill_diagonal(dist, np.inf)
        short = np.clip(need - dist, 0.0, None)
        if not short.any():
            break
        push = np.einsum("ijk,ij->ik", delta, short / np.maximum(dist, 1e-9)) * 0.5
        pos += push
    return pos


def _median_edge(sub: nx.Graph, nodes: list[str], pos: np.ndarray) -> float:
    """The median edge length, so every component comes out at the same scale."""
    index = {node: i for i, node in enumerate(nodes)}
    lengths = [float(np.hypot(*(pos[index[u]] - pos[index[v]]))) for u, v in sub.edges() if u != v]
    median = float(np.median(lengths)) if lengths else 1.0
    return median if median > 1e-9 else 1.0


def force_layout(graph: nx.Graph, focus: Iterable[str] = ()) -> dict[str, tuple[float, float]]:
    """Positions (canvas units) for every node of ``graph``.

    Components are packed on shelves, biggest first, by their bounding boxes, in rows about one and
    a half times as wide as the whole is tall, the shape of a screen: packed by radius in rows of a
    fixed width, a few hundred two-node pieces spread far below the main one and shrank it at the
    default zoom."""
    focus_set = set(focus)
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    laid: list[tuple[list[str], list[tuple[float, float]], tuple[float, float, float, float]]] = []
    area = widest = 0.0
    for nodes in components:
        pos = _component_positions(graph, nodes, focus_set)
        xs, ys = [p[0] for p in pos], [p[1] for p in pos]
        box = (min(xs) - PAD, min(ys) - PAD, max(xs) + PAD, max(ys) + PAD)
        laid.append((nodes, pos, box))
        area += (box[2] - box[0]) * (box[3] - box[1])
        widest = max(widest, box[2] - box[0])
    row_width = max(widest, math.sqrt(area * 1.5))
    placed: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for nodes, pos, (x0, y0, x1, y1) in laid:
        if x > 0 and x + (x1 - x0) > row_width:
            # Shelf packing: a new row under the tallest component of the current one.
            x = 0.0
            y += row_height
            row_height = 0.0
        dx, dy = x - x0, y - y0
        for node, (px, py) in zip(nodes, pos, strict=True):
            placed[node] = (round(px + dx, 1), round(py + dy, 1))
        x += x1 - x0
        row_height = max(row_height, y1 - y0)
    return placed
