"""The package layout: imports only go down the pipeline, and modules stay small.

web / cli → evaluation → answer → index → ingest → the shared records and settings (models,
offsets, config, errors, limits). A module may import its own stage and the stages below it,
never a later one, including imports inside functions.
"""
import ast

import pytest

from tests.conftest import ROOT

LAYERS = {"models": 0, "offsets": 0, "config": 0, "errors": 0, "limits": 0, "files": 0,
          "ingest": 1, "index": 2, "answer": 3, "evaluation": 4, "web": 5, "cli": 6, "__main__": 6, "__init__": 0}
MODULES = sorted((ROOT / "qa").rglob("*.py"))
MAX_LINES = 300


def _layer(module: str) -> int:
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
