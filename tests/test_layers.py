"""The layers of the code, from its own imports: every import (lazy ones in
functions included) goes to the same layer or one below, and no module
imports itself through others. A new top-level module or package must be
given its layer here, deliberately."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import newsgraph
import newsgraph.errors as errors

ROOT = Path(newsgraph.__file__).resolve().parent

#: lowest first; a unit is a top-level module or subpackage of ``newsgraph``
LAYERS: list[set[str]] = [
    {"errors", "days", "lexicons"},                         # no newsgraph imports but among these
    {"settings", "records", "jsonout", "storable"},          # the one settings object and the record model
    {"version", "geo", "ingest", "corpus", "report"},        # reading input, offline data, corpus grouping
    {"extract"},                                             # pure extractors
    {"nlp", "pipeline"},                                     # the spaCy pipeline and its added steps (which read text as the extractors do); text -> Record
    {"store"},                                               # SQLite: schema, writer, queries
    {"export", "run"},                                       # over the store: exports, runners
    {"kb"},                                                  # the KnowledgeBase façade over store, run, export
    {"service"},                                             # what the JSON API and the pages share
    {"api", "web"},                                          # JSON routes; server-rendered pages
    {"app"},                                                 # the app factory mounting both
    {"cli", "cli_store", "cli_serve", "__init__"},           # commands and the package's public names
]


def module_name(path: Path, root: Path, package: str) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((package, *parts))


def imports(root: Path, package: str = "newsgraph") -> dict[str, set[str]]:
    """Module -> the package's modules it imports, wherever the import stands
    (a lazy import in a function is an import). ``from a import b`` counts as
    an import of ``a.b`` where that is a module, else of ``a``."""
    files = {module_name(p, root, package): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here.split(".")[: len(here.split(".")) - node.level + 1]
                    base_name = ".".join(base + ([node.module] if node.module else []))
                else:
                    base_name = node.module or ""
                for alias in node.names:
                    sub = f"{base_name}.{alias.name}"
                    targets.add(sub if sub in files else base_name)
        graph[name] = {t for t in targets if t in files and t != name}
    return graph


def unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def upward_imports(graph: dict[str, set[str]], layers: list[set[str]]) -> list[str]:
    """Each import from a module to a higher layer, and each unit no layer names."""
    level = {u: i for i, layer in enumerate(layers) for u in layer}
    problems = sorted({f"{unit(m)} has no layer" for m in graph if unit(m) not in level})
    for source, targets in sorted(graph.items()):
        for target in sorted(targets):
            a, b = unit(source), unit(target)
            if a in level and b in level and level[b] > level[a]:
                problems.append(f"{source} imports {target}: layer {level[a]} ({a}) -> {level[b]} ({b})")
    return problems


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles: strongly connected groups of two or more modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def test_no_import_goes_to_a_higher_layer():
    assert upward_imports(imports(ROOT), LAYERS) == []


def test_there_is_no_import_cycle():
    assert cycles(imports(ROOT)) == []


def private_imports(root: Path, package: str = "newsgraph") -> list[str]:
    """Each ``from module import _name`` of another newsgraph module's private name."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith(package)):
                found += [f"{path.relative_to(root)}: {a.name}" for a in node.names
                          if a.name.startswith("_") and not a.name.startswith("__")]
    return found


def test_no_module_imports_another_modules_private_names():
    assert private_imports(ROOT) == []


def test_every_layer_names_units_that_exist():
    units = {unit(m) for m in imports(ROOT)}
    assert set().union(*LAYERS) - units == set()


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "pkg"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_the_check_finds_an_upward_import_even_inside_a_function(tmp_path):
    root = _tree(tmp_path, {"__init__.py": "", "low.py": "def f():\n    from .high import g\n", "high.py": "from . import low\n"})
    graph = imports(root, "pkg")
    assert graph["pkg.low"] == {"pkg.high"}
    assert upward_imports(graph, [{"low"}, {"high"}, {"__init__"}]) == ["pkg.low imports pkg.high: layer 0 (low) -> 1 (high)"]
    assert cycles(graph) == [["pkg.high", "pkg.low"]]


def test_the_check_finds_a_cycle_through_a_package_and_an_unplaced_unit(tmp_path):
    root = _tree(tmp_path, {"__init__.py": "", "a/__init__.py": "from .x import X\n", "a/x.py": "import pkg.b.y\nX = 1\n",
                            "b/__init__.py": "", "b/y.py": "from ..a import x\n", "c.py": "import os\n"})
    graph = imports(root, "pkg")
    assert cycles(graph) == [["pkg.a.x", "pkg.b.y"]]
    assert "c has no layer" in upward_imports(graph, [{"a", "b"}, {"__init__"}])


# the public names and the exception tree are part of the contract with users

PUBLIC = ["extract", "Pipeline", "process_batch", "KnowledgeBase", "EventFilter", "QuoteFilter", "Settings", "Record", "Article", "Entity", "Quote", "Figure",
          "Event", "Location", "DateRef", "Flag", "Quality", "NewsgraphError", "ArticleError", "ConfigError", "ModelNotFound",
          "__version__"]

TREE = {"NewsgraphError": "Exception", "ConfigError": "NewsgraphError", "ModelNotFound": "ConfigError",
        "ArticleError": "NewsgraphError", "EmptyArticle": "ArticleError", "BinaryInput": "ArticleError",
        "UndecodableInput": "ArticleError", "ArticleTooLarge": "ArticleError", "MalformedRecord": "ArticleError",
        "UnsupportedLanguage": "ArticleError"}


def test_the_public_names_are_pinned_and_each_resolves():
    assert newsgraph.__all__ == PUBLIC
    for name in PUBLIC:
        assert getattr(newsgraph, name) is not None, name


def test_the_exception_tree_is_pinned():
    assert errors.__all__ == list(TREE)
    for name, parent in TREE.items():
        cls = getattr(errors, name)
        assert cls.__bases__ == (getattr(errors, parent, Exception),), name


def _docstring_tree(doc: str) -> dict[str, str]:
    """Class -> parent as the module docstring draws it (indentation is depth)."""
    parents: dict[str, str] = {}
    path: list[tuple[int, str]] = []
    for line in doc.splitlines():
        stripped = line.lstrip(" │├└─")
        if not stripped or not stripped.split()[0].isidentifier() or not stripped.split()[0][0].isupper():
            continue
        if line.strip() == stripped and not line.startswith("    "):
            continue  # prose, not the drawing
        depth = len(line) - len(stripped)
        name = stripped.split()[0]
        while path and path[-1][0] >= depth:
            path.pop()
        parents[name] = path[-1][1] if path else "Exception"
        path.append((depth, name))
    return parents


def test_the_docstring_draws_the_tree_the_classes_make():
    assert _docstring_tree(errors.__doc__) == TREE


@pytest.mark.parametrize("name", ["StoreError", "NoDatabase"])
def test_store_errors_are_newsgraph_errors(name):
    import newsgraph.store as store

    assert issubclass(getattr(store, name), errors.NewsgraphError)
