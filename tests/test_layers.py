"""The import graph of vnkr: no cycle, and every import goes down the layers (the CLI picks serial,
process pool or Dask; nothing below it reaches back up). Every import counts, also those inside a
function or under TYPE_CHECKING: a lazy import is still a dependency.

Run `python tests/test_layers.py` to print the graph."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "vnkr"

# top to bottom; a module belongs to the layer of its longest matching prefix
LAYERS = [
    ["vnkr.__main__"],
    ["vnkr.cli"],
    ["vnkr.distributed"],
    ["vnkr.extraction", "vnkr.report", "vnkr.render", "vnkr.evaluate", "vnkr.evaluate_compare", "vnkr.components.claims",
     "vnkr.checking", "vnkr.check_view", "vnkr.filters", "vnkr.summary"],
    ["vnkr.check_parts"],
    ["vnkr.check"],
    ["vnkr.pipeline", "vnkr.compare", "vnkr.claims_io", "vnkr.parts", "vnkr.corrections"],
    ["vnkr.components"],
    ["vnkr.corpus", "vnkr.readers", "vnkr.published", "vnkr.output", "vnkr.tokenizer"],
    ["vnkr.normalize.numbers", "vnkr.normalize.dates", "vnkr.normalize.actors"],
    ["vnkr.rules"],
    ["vnkr.rules_cache"],
    ["vnkr.models", "vnkr.languages", "vnkr.jsonl", "vnkr.normalize"],
    ["vnkr"],
]


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def import_graph() -> dict[str, set[str]]:
    """Module → the vnkr modules it imports (`from vnkr.x import y` is vnkr.x.y when that is a module)."""
    known = modules()

    def owner(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    graph = {}
    for name, path in known.items():
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                deps.update(owner(a.name) for a in node.names if a.name.split(".")[0] == "vnkr")
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "vnkr":
                deps.update(f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in known else owner(node.module) for a in node.names)
        graph[name] = deps - {name, None}
    return graph


def layer(module: str) -> int:
    best = max((p for names in LAYERS for p in names if module == p or module.startswith(p + ".")), key=len)
    return next(i for i, names in enumerate(LAYERS) if best in names)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while (w := stack.pop()) != v:
                component.append(w)
            if component:
                found.append(sorted([v, *component]))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_import_graph_has_no_cycle():
    assert cycles(import_graph()) == []


def test_every_import_goes_down_the_layers():
    upward = [f"{a} -> {b}" for a, deps in sorted(import_graph().items()) for b in sorted(deps) if layer(b) < layer(a)]
    assert upward == []


def test_extraction_leaves_dask_to_the_cli():
    graph = import_graph()
    assert "vnkr.distributed" not in graph["vnkr.extraction"]
    assert "vnkr.extraction" in graph["vnkr.distributed"]  # the graph is read at all


if __name__ == "__main__":
    graph = import_graph()
    for name in sorted(graph, key=lambda m: (layer(m), m)):
        print(f"{layer(name):2} {name} -> {' '.join(sorted(graph[name]))}")
    print("cycles:", cycles(graph))
    print("upward imports:", [f"{a} -> {b}" for a in sorted(graph) for b in sorted(graph[a]) if layer(b) < layer(a)])
