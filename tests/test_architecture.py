"""Which way imports go (the import-linter contracts in pyproject.toml hold), and what a door may do."""

import ast
import importlib
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is not installed"
    done = subprocess.run([lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


# --- api/ is a door: it parses, calls a service or selector, and answers ------------------------

API = ROOT / "api"

# Model and queryset methods that write. The AST gives only names, so a call that shares a name but
# is not a write (DRF handing a request on) is told apart by its receiver, in `_is_dispatch`.
WRITES = {
    "save",
    "delete",
    "update",
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}
# A viewset's own handlers, which may hand a request on to one another (`partial_update` -> `update`).
HANDLERS = {"create", "update", "partial_update", "destroy"}
# Exact exceptions, as {"api/path.py:function": "why it is not a rule in the door"}. Keep it empty.
ALLOWED_CALL_SITES: dict[str, str] = {}


def _domain_errors() -> set[type]:
    """Every DomainError subclass, found by importing the errors module of each package the
    import-linter contracts know (so a new app's errors are found without listing them here)."""
    from accounts.errors import DomainError

    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]
    for package in packages:
        if (ROOT / package / "errors.py").exists():
            importlib.import_module(f"{package}.errors")
    found: set[type] = set()
    todo: list[type] = [DomainError]
    while todo:
        cls = todo.pop()
        found.add(cls)
        todo.extend(cls.__subclasses__())
    return found


def _is_dispatch(call: ast.Call, function: str) -> bool:
    """DRF handing a request on, not a model write: `super().create(...)`, `self.update(request, ...)`
    from another handler, `mixins.CreateModelMixin.create(self, ...)`, and a serializer's `save()`."""
    assert isinstance(call.func, ast.Attribute)
    receiver, name = call.func.value, call.func.attr
    if isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name) and receiver.func.id == "super":
        return True
    if isinstance(receiver, ast.Name) and receiver.id == "self":
        return name in HANDLERS and function in HANDLERS
    if (
        isinstance(receiver, ast.Attribute)
        and isinstance(receiver.value, ast.Name)
        and receiver.value.id == "mixins"
    ):
        return bool(call.args) and isinstance(call.args[0], ast.Name) and call.args[0].id == "self"
    return name == "save" and isinstance(receiver, ast.Name) and receiver.id.lower().endswith("serializer")


def _resolve(node: ast.expr, namespace: dict) -> object:
    """What a name or dotted name stands for in a module's namespace (None when it is not there)."""
    if isinstance(node, ast.Name):
        return namespace.get(node.id)
    if isinstance(node, ast.Attribute):
        owner = _resolve(node.value, namespace)
        return None if owner is None else getattr(owner, node.attr, None)
    return None


class _DoorRules(ast.NodeVisitor):
    """Collects, in one api module, model writes and raised domain errors, with the function each is in."""

    def __init__(self, relative: Path, namespace: dict, errors: set[type]) -> None:
        self.relative, self.namespace, self.errors = relative, namespace, errors
        self.error_names = {cls.__name__ for cls in errors}
        self.function = "<module>"
        self.found: list[str] = []

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        outer, self.function = self.function, node.name
        self.generic_visit(node)
        self.function = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def _allowed(self) -> bool:
        return f"{self.relative}:{self.function}" in ALLOWED_CALL_SITES

    def visit_Call(self, node: ast.Call) -> None:
        if (
            isinstance(node.func, ast.Attribute)
            and node.func.attr in WRITES
            and not _is_dispatch(node, self.function)
            and not self._allowed()
        ):
            self.found.append(f"{self.relative}:{node.lineno} writes a model: {ast.unparse(node)[:100]}")
        self.generic_visit(node)

    def visit_Raise(self, node: ast.Raise) -> None:
        if node.exc is not None and not self._allowed():
            raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            cls = _resolve(raised, self.namespace)
            if isinstance(cls, type):
                domain = cls in self.errors
            else:  # a name the module does not hold at import time: judge it by the class names
                domain = isinstance(raised, ast.Name | ast.Attribute) and (
                    ast.unparse(raised).rpartition(".")[2] in self.error_names
                )
            if domain:
                self.found.append(
                    f"{self.relative}:{node.lineno} raises a domain error: {ast.unparse(node.exc)[:100]}"
                )
        self.generic_visit(node)


def test_the_api_holds_no_business_rule():
    """api/ writes no model and raises no domain error itself: a service or a rule in the domain app
    does, so the web pages, which call the same services and rules, cannot disagree with the API.

    DRF's own dispatch (`super().update`, `self.update` from `partial_update`, `serializer.save`) is
    not a write. A refusal a view needs before it reads the body is a predicate or rule function of
    the domain app, whose NotPermitted the view may turn into DRF's 403."""
    errors = _domain_errors()
    assert {"DomainError", "Conflict", "InvolvementConflict", "PeersConflict", "RecruitmentConflict"} <= {
        cls.__name__ for cls in errors
    }
    found: list[str] = []
    for path in sorted(API.rglob("*.py")):
        relative = path.relative_to(ROOT)
        module = importlib.import_module(".".join(relative.with_suffix("").parts))
        rules = _DoorRules(relative, vars(module), errors)
        rules.visit(ast.parse(path.read_text(), filename=str(relative)))
        found.extend(rules.found)
    assert not found, "Move these into a service, selector or rule of the domain app:\n" + "\n".join(found)


def test_no_routed_resource_writes_through_drf_defaults():
    """DRF's own create, update and destroy write the model from the serializer or the view: every
    resource the API routes that accepts a write hands it to a service instead (or refuses it)."""
    import django

    django.setup()
    from rest_framework import mixins

    from api.urls import registry

    # method: the handlers DRF's default path goes through, each with the mixin that defines it
    defaults = {
        "post": [("create", mixins.CreateModelMixin), ("perform_create", mixins.CreateModelMixin)],
        "put": [("update", mixins.UpdateModelMixin), ("perform_update", mixins.UpdateModelMixin)],
        "patch": [
            ("partial_update", mixins.UpdateModelMixin),
            ("update", mixins.UpdateModelMixin),
            ("perform_update", mixins.UpdateModelMixin),
        ],
        "delete": [("destroy", mixins.DestroyModelMixin), ("perform_destroy", mixins.DestroyModelMixin)],
    }
    found = []
    for _prefix, viewset, basename in registry:
        for method, path in defaults.items():
            if method not in viewset.http_method_names:
                continue
            if all(getattr(viewset, name, None) is getattr(mixin, name) for name, mixin in path):
                found.append(f"{basename}: {method.upper()} goes through DRF's default write")
    assert not found, "Give these a service call:\n" + "\n".join(found)
