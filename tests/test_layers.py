"""The package's structure, held against its imports: layers, each importing only from the
layers below it, no import circle, and every call into a framework in that framework's
own subpackage of ``eagerlite.xp``.

A static check over every import statement of the package (at any depth: imports inside
functions count too; imports only for type checkers, under ``if TYPE_CHECKING:``, do
not).  The one allowed exception: the framework registry's loaders, which import a
framework's subpackage the first time it is needed (the lazy loading of frameworks).
The table below is the contract; docs/contributing.md shows it as a picture.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "eagerlite"

# layer -> its modules (a module belongs to the layer of its longest prefix here)
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("foundations", ("eagerlite._core", "eagerlite.types")),
    ("namespaces", ("eagerlite.xp",)),
    ("tensor", ("eagerlite.tensor",)),
    ("dispatch", ("eagerlite.astensor", "eagerlite._namespaces")),
    (
        "faces",
        (
            "eagerlite.framework",
            "eagerlite.standard",
            "eagerlite.dtypes",
            "eagerlite.norms",
            "eagerlite.lib",
            "eagerlite.modules",
            "eagerlite.utils",
        ),
    ),
    (
        "built on the whole",
        (
            "eagerlite.bridges",
            "eagerlite.transforms",
            "eagerlite.optim",
            "eagerlite.nn",
            "eagerlite.__main__",
            "eagerlite",
        ),
    ),
]
FRAMEWORKS = ("numpy", "torch", "jax", "tensorflow")
HOST = "numpy"  # every framework's subpackage may use NumPy: host memory's arrays
# modules of third-party packages that belong to a framework (imported with it)
FRAMEWORK_PARTS = {"ml_dtypes": "numpy", "scipy": "numpy", "jaxlib": "jax", "keras": "tensorflow"}
# (module, why) where a framework may be named in an import outside its subpackage
FRAMEWORK_EXCEPTIONS = {
    "eagerlite._core.dtypes": "ep.float32.dtype is NumPy's dtype (the neutral interchange)",
    "eagerlite.__main__": "the demo shows native code of every framework",
}
REGISTRY = "eagerlite._core.registry"  # its loaders may import eagerlite.xp.<framework>


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def layer_of(module: str) -> int:
    best, index = -1, -1
    for i, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, index = len(prefix), i
    return index


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """The ids of the import nodes under ``if TYPE_CHECKING:``."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for statement in node.body:
                skipped |= {id(n) for n in ast.walk(statement)}
    return skipped


def imports(module: str) -> Iterator[tuple[str, int, str | None]]:
    """``(imported module, line, enclosing function or None)`` of each run-time import."""
    path = MODULES[module]
    tree = ast.parse(path.read_text())
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    skipped = _type_checking_nodes(tree)
    functions: dict[int, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                functions.setdefault(id(inner), node.name)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package
                for _ in range(node.level - 1):
                    anchor = anchor.rpartition(".")[0]
                base = f"{anchor}.{base}" if base else anchor
            subs = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES]
            names = subs if len(subs) == len(node.names) else [*subs, base]
        for name in names:
            yield name, node.lineno, functions.get(id(node))


def _internal(name: str) -> str | None:
    """The eagerlite module ``name`` refers to (a module, or the package holding a name)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _is_loader(module: str, function: str | None, target: str) -> bool:
    return (
        module == REGISTRY
        and function is not None
        and function.startswith("_load_")
        and target.startswith("eagerlite.xp.")
    )


def test_every_module_is_in_a_layer() -> None:
    assert [m for m in MODULES if layer_of(m) < 0] == []


def test_imports_only_go_down() -> None:
    upward = []
    for module in MODULES:
        for name, line, function in imports(module):
            target = _internal(name) if name.startswith("eagerlite") else None
            if target is None or _is_loader(module, function, target):
                continue
            if layer_of(target) > layer_of(module):
                upward.append(
                    f"{module}:{line} ({LAYERS[layer_of(module)][0]}) imports {target} "
                    f"({LAYERS[layer_of(target)][0]})"
                )
    assert upward == [], "\n".join(upward)


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for module in MODULES:
        for name, _, _ in imports(module):
            target = _internal(name) if name.startswith("eagerlite") else None
            if target is not None and target != module:
                graph[module].add(target)
    return graph


def test_no_import_circle() -> None:
    """Every import counts here, the registry's loaders too (Tarjan's strongly connected
    components of the import graph: each must be one module)."""
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    assert circles == []


def _framework_of(name: str) -> str | None:
    top = name.partition(".")[0]
    return top if top in FRAMEWORKS else FRAMEWORK_PARTS.get(top)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_framework_calls_only_in_the_frameworks_subpackage(module: str) -> None:
    """``import torch`` (at run time) only in ``eagerlite.xp.torch``; NumPy, the host
    framework, in every framework's subpackage too."""
    own = module.split(".")[2] if module.startswith("eagerlite.xp.") else None
    own = own if own in FRAMEWORKS else None
    for name, line, _ in imports(module):
        framework = _framework_of(name)
        if framework is None or module in FRAMEWORK_EXCEPTIONS:
            continue
        allowed = own is not None and framework in (own, HOST)
        assert allowed, f"{module}:{line} imports {name}, a part of {framework}"


def test_files_stay_short() -> None:
    """No module past ~700 lines: split by topic."""
    long = {m: n for m, p in MODULES.items() if (n := len(p.read_text().splitlines())) > 700}
    assert long == {}
