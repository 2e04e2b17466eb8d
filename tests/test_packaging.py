"""pyproject.toml names every distribution newsgraph's code imports, so that
``pip install newsgraph`` (without the lock file) gives a working install."""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import newsgraph

ROOT = Path(newsgraph.__file__).resolve().parent
PYPROJECT = ROOT.parent / "pyproject.toml"


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def third_party_imports() -> set[str]:
    names = set()
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n != "newsgraph" and n not in sys.stdlib_module_names}


def declared(groups: list[str]) -> set[str]:
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    specs = list(project["dependencies"]) + [s for g in groups for s in project["optional-dependencies"][g]]
    return {_normal(re.split(r"[\s\[<>=!~;]", spec, maxsplit=1)[0]) for spec in specs}


def test_every_imported_distribution_is_declared():
    have = declared(["cluster"])  # ray is imported only by the Ray runner
    by_module = packages_distributions()
    missing = {}
    for module in sorted(third_party_imports()):
        dists = {_normal(d) for d in by_module.get(module, [module])}
        if not dists & have:
            missing[module] = sorted(dists)
    assert missing == {}
