"""No task waits in the broker for long: no `eta`, and no `countdown` or retry delay over five minutes.

A message delayed for days sits in Redis where nobody can see, move or cancel it, and a broker
restart or a visibility timeout can run it twice or lose it. Reminders days ahead are rows in the
database instead; the only messages are "send what is due now".
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT_SECONDS = 300
SKIP_DIRS = {".venv", "venv", "node_modules", "var", "staticfiles", "build", "dist", "__pycache__"}
# Calls that put a task in the broker, and the keyword arguments that delay it.
# (`.s()`/`.delay()` pass their keywords to the task itself, so they are not among them.)
SENDING_CALLS = {"apply_async", "retry", "send_task", "set", "signature", "subtask"}
DELAYING_KEYWORDS = {"countdown", "eta", "default_retry_delay", "retry_backoff_max"}
TASK_DECORATORS = {"task", "shared_task"}


def python_sources() -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")]
        found.extend(Path(folder) / name for name in files if name.endswith(".py"))
    return found


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _seconds(node: ast.expr) -> float | None:
    """The number a constant expression such as `5 * 60` stands for; None when it is not one."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        value = _seconds(node.operand)
        return None if value is None else -value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub | ast.Mult | ast.Div):
        left, right = _seconds(node.left), _seconds(node.right)
        if left is None or right is None:
            return None
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        return left / right if right else None
    return None


def long_delays(source: str, filename: str = "<source>") -> list[str]:
    """Each place in `source` that delays a task by `eta`, or by more than LIMIT_SECONDS, or by an
    amount that cannot be read without running the code."""
    problems = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name not in SENDING_CALLS | TASK_DECORATORS:
            continue
        for keyword in node.keywords:
            if keyword.arg not in DELAYING_KEYWORDS:
                continue
            where = f"{filename}:{node.lineno} {name}({keyword.arg}=...)"
            if keyword.arg == "eta":
                problems.append(f"{where}: eta schedules a message for later; plan a row instead")
                continue
            seconds = _seconds(keyword.value)
            if seconds is None:
                problems.append(f"{where}: a delay that is not a plain number cannot be checked")
            elif seconds > LIMIT_SECONDS:
                problems.append(f"{where}: {seconds} s is more than {LIMIT_SECONDS} s")
    return problems


def test_the_checker_finds_long_delays():
    sample = """
send.apply_async(args=[1], countdown=3 * 86400)
send.apply_async(eta=tomorrow)
self.retry(exc=error, countdown=3600)
send.s(1).set(countdown=days * 86400)
@shared_task(default_retry_delay=900)
def task(): ...
"""
    assert len(long_delays(sample)) == 5
    fine = """
send.apply_async(countdown=30)
self.retry(countdown=5 * 60)
send.delay(eta=1)
send.s(countdown=9999)
"""
    assert long_delays(fine) == []


def test_no_task_in_the_repository_waits_long_in_the_broker():
    sources = python_sources()
    assert any(path.match("reminders/tasks.py") for path in sources), "the scan missed the project's code"
    problems = []
    for path in sources:
        problems.extend(long_delays(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))))
    assert problems == []
