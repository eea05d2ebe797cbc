"""The benchmark: list endpoints, the charter dashboard, reminder planning and load, as ratios to floors.

    make bench      # or, with DATABASE_URL and REDIS_URL set:
    .venv/bin/python bench/run.py --scales 0.1,1

For each scale it seeds (bench/seed.py), then measures in this process:

- every main list endpoint at page sizes 50 and 500 (django.test.Client, a real token), as
  the median of several requests, divided by its floor: the same rows fetched with
  `.values()` and encoded with orjson; with the query count of one request;
- the charter dashboard for a quarter, computed from nothing (snapshots cleared) and read
  with snapshots present, divided by its floor: the metrics' own aggregate SQL run raw;
- reminders planned per second for 100,000 due subjects (times the scale), and the
  duplicates left when two planner processes run at once;
- under load: gunicorn with 4 workers on a free loopback port, driven by wrk (a second
  process) with 32 connections for 30 s against a list endpoint and against /healthz.

It writes bench/results.json and the table in bench/README.md between its markers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

# In-process measurements run with the production settings (no DEBUG query log), reachable
# over plain HTTP on loopback, with throttling out of the way.
BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-any-real-deployment-0123456789",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "THROTTLE_ANON": "100000000/min",
    "THROTTLE_USER": "100000000/min",
    "THROTTLE_LOGIN": "100000000/min",
    "THROTTLE_LOGIN_ADDRESS": "100000000/min",
    "LOG_LEVEL": "WARNING",
}
if (
    os.environ.get("DJANGO_SETTINGS_MODULE", BENCH_ENV["DJANGO_SETTINGS_MODULE"])
    == BENCH_ENV["DJANGO_SETTINGS_MODULE"]
):
    # Not when imported under other settings (the smoke test): they keep their own environment.
    for _key, _value in BENCH_ENV.items():
        os.environ.setdefault(_key, _value)

import warnings  # noqa: E402

import django  # noqa: E402

# whitenoise warns on every start that no static files were collected: the API needs none.
warnings.filterwarnings("ignore", message="No directory at")
django.setup()

import seed as seeder  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import resolve  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts import services as account_services  # noqa: E402
from accounts.models import User  # noqa: E402
from charter import registry  # noqa: E402
from charter.models import Indicator, Snapshot  # noqa: E402
from charter.periods import quarter_of, recent_quarters  # noqa: E402
from charter.selectors import dashboard  # noqa: E402
from reminders.models import Reminder  # noqa: E402
from reminders.services import reminders_plan  # noqa: E402

RESULTS = BENCH / "results.json"
README = BENCH / "README.md"
TABLE_START = "<!-- bench:table:start -->"
TABLE_END = "<!-- bench:table:end -->"

# (name, path, who asks): the main lists, each read by a role that sees all of it.
ENDPOINTS = [
    ("involvement participants", "/api/v1/involvement/participants/", "lead"),
    ("involvement activities", "/api/v1/involvement/activities/", "lead"),
    ("involvement participations", "/api/v1/involvement/participations/", "lead"),
    ("involvement claims", "/api/v1/involvement/claims/", "lead"),
    ("peers workers", "/api/v1/peers/workers/", "hr"),
    ("peers training-records", "/api/v1/peers/training-records/", "hr"),
    ("peers supervision-sessions", "/api/v1/peers/supervision-sessions/", "hr"),
    ("recruitment applications", "/api/v1/recruitment/applications/", "hr"),
    ("recruitment vacancies", "/api/v1/recruitment/vacancies/", "hr"),
    ("reminders", "/api/v1/reminders/", "admin"),
    ("charter snapshots", "/api/v1/charter/snapshots/", "admin"),
]
LOAD_ENDPOINT = "/api/v1/involvement/participants/"
PAGE_SIZES = (50, 500)
TARGETS = {"list_ratio_at_500": 2.0, "dashboard_ratio": 1.5, "load_errors": 0}


def check(condition: bool, message: object) -> None:
    """A measurement of a wrong answer is no measurement: stop with what went wrong."""
    if not condition:
        raise RuntimeError(message)


def encoder():
    """orjson, the floor's encoder; the smoke test, without the bench extras, falls back to json."""
    try:
        import orjson

        return "orjson", lambda rows: orjson.dumps(rows, default=str)
    except ImportError:
        return "json", lambda rows: json.dumps(rows, default=str).encode()


def median_time(fn, repeats: int) -> float:
    """Median seconds of `repeats` calls, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def paired_medians(first, second, repeats: int) -> tuple[float, float]:
    """Median seconds of two calls timed turn about, so load from other work weighs on both alike."""
    first()
    second()
    a, b = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        first()
        a.append(time.perf_counter() - started)
        started = time.perf_counter()
        second()
        b.append(time.perf_counter() - started)
    return statistics.median(a), statistics.median(b)


def client_for(email: str) -> tuple[Client, str]:
    user = User.objects.get(email=email)
    _, token = account_services.auth_token_issue(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token}"), token


# --- lists --------------------------------------------------------------------------------------


def _floor_queryset(path: str):
    """The list's own model and ordering, as plain `.values()`: what the endpoint must at least do."""
    view = resolve(path).func
    cls = view.cls
    queryset = cls.queryset
    ordering = getattr(cls, "ordering", None) or queryset.query.order_by or queryset.model._meta.ordering
    return queryset.model.objects.order_by(*ordering)


def measure_lists(repeats: int, sizes: tuple[int, ...] = PAGE_SIZES) -> list[dict]:
    _, dumps = encoder()
    clients = {role: client_for(f"{role}@{seeder.DOMAIN}")[0] for role in {e[2] for e in ENDPOINTS}}
    out = []
    for name, path, role in ENDPOINTS:
        client = clients[role]
        floor_qs = _floor_queryset(path)
        total = floor_qs.count()
        row = {"endpoint": name, "path": path, "role": role, "rows": total, "sizes": {}}
        for size in sizes:
            url = f"{path}?page_size={size}"

            def request(url=url, client=client):
                response = client.get(url)
                check(response.status_code == 200, (url, response.status_code, response.content[:300]))
                return response

            queries = _Recorder()
            with connection.execute_wrapper(queries):
                body = request().json()
            check(len(body["results"]) == min(size, total), (url, len(body["results"]), total))

            def floor(size=size, floor_qs=floor_qs):
                return dumps(list(floor_qs.values()[:size]))

            def count(floor_qs=floor_qs):
                return floor_qs.count()

            seconds, floor_seconds = paired_medians(request, floor, repeats)
            count_seconds = median_time(count, repeats)
            row["sizes"][str(size)] = {
                "ms": round(seconds * 1000, 2),
                "floor_ms": round(floor_seconds * 1000, 2),
                "ratio": round(seconds / floor_seconds, 2),
                "count_ms": round(count_seconds * 1000, 2),
                "queries": len(queries.statements),
            }
        counts = {s["queries"] for s in row["sizes"].values()}
        row["queries_constant"] = len(counts) == 1
        out.append(row)
        print(
            f"  {name:<30} " + "  ".join(f"{k}: {v['ms']} ms x{v['ratio']}" for k, v in row["sizes"].items())
        )
    return out


# --- the charter dashboard ----------------------------------------------------------------------


class _Recorder:
    """An execute wrapper that keeps each statement with its parameters, to replay them raw."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, object]] = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append((sql, params))
        return execute(sql, params, many, context)


def measure_dashboard(repeats: int) -> dict:
    today = timezone.localdate()
    period = quarter_of(today - timedelta(days=92))  # the last whole quarter
    indicators = list(Indicator.objects.filter(is_active=True, commitment__charter__is_current=True))
    periods = [period, *[q for q in recent_quarters(today=period.end, count=8) if q.label != period.label]]

    def cold() -> tuple[float, int]:
        Snapshot.objects.all().delete()
        queries = _Recorder()
        with connection.execute_wrapper(queries):
            started = time.perf_counter()
            dashboard(period=period, today=today)
            elapsed = time.perf_counter() - started
        return elapsed, len(queries.statements)

    dashboard(period=period, today=today)  # computes the snapshots the warm reads then find
    warm_queries = _Recorder()
    with connection.execute_wrapper(warm_queries):
        dashboard(period=period, today=today)
    warm_seconds = median_time(lambda: dashboard(period=period, today=today), repeats)

    # The floor: the metrics' own aggregate SQL for the same indicators and quarters, run raw.
    recorder = _Recorder()
    with connection.execute_wrapper(recorder):
        for indicator in indicators:
            for p in periods:
                registry.get(indicator.key).compute(p.start, p.end)

    def raw():
        with connection.cursor() as cursor:
            for sql, params in recorder.statements:
                cursor.execute(sql, params)
                cursor.fetchall()

    # From nothing and the floor turn about, so other work on the machine weighs on both alike.
    raw()
    cold_runs, floor_runs = [], []
    for _ in range(max(1, repeats)):
        cold_runs.append(cold())
        started = time.perf_counter()
        raw()
        floor_runs.append(time.perf_counter() - started)
    cold_seconds = statistics.median(t for t, _ in cold_runs)
    floor_seconds = statistics.median(floor_runs)

    def orm():
        for indicator in indicators:
            for p in periods:
                registry.get(indicator.key).compute(p.start, p.end)

    orm_seconds = median_time(orm, repeats)
    admin_client = client_for(f"admin@{seeder.DOMAIN}")[0]
    url = f"/api/v1/charter/dashboard?period={period.label}"
    response = admin_client.get(url)
    check(response.status_code == 200, (url, response.status_code, response.content[:300]))
    api_seconds = median_time(lambda: admin_client.get(url), repeats)
    result = {
        "period": period.label,
        "indicators": len(indicators),
        "quarters": len(periods),
        "cold_ms": round(cold_seconds * 1000, 1),
        "cold_queries": cold_runs[0][1],
        "warm_ms": round(warm_seconds * 1000, 2),
        "warm_queries": len(warm_queries.statements),
        "api_warm_ms": round(api_seconds * 1000, 2),
        "metrics_orm_ms": round(orm_seconds * 1000, 1),
        "floor_ms": round(floor_seconds * 1000, 1),
        "floor_statements": len(recorder.statements),
        "cold_ratio": round(cold_seconds / floor_seconds, 2),
        "warm_ratio": round(warm_seconds / floor_seconds, 3),
    }
    print(f"  dashboard cold {result['cold_ms']} ms (x{result['cold_ratio']}), warm {result['warm_ms']} ms")
    return result


# --- reminders ----------------------------------------------------------------------------------


def _duplicates() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM reminders_reminder GROUP BY rule, subject_type, subject_id, "
            "recipient_email, occasion HAVING COUNT(*) > 1) AS twice"
        )
        return cursor.fetchone()[0]


def measure_reminders(subjects: int, *, two_planners: bool = True) -> dict:
    """Plan reminders for `subjects` claims waiting for approval, on an otherwise empty database."""
    import reminders_throughput as throughput

    seeder.clear()
    now = timezone.now()
    throughput.seed(subjects, now - timedelta(days=14))
    started = time.perf_counter()
    created = reminders_plan(now=now)
    elapsed = time.perf_counter() - started
    started = time.perf_counter()
    again = reminders_plan(now=now)
    again_elapsed = time.perf_counter() - started
    result = {
        "subjects": subjects,
        "planned": created,
        "seconds": round(elapsed, 2),
        "per_second": round(created / elapsed),
        "replan_added": again,
        "replan_seconds": round(again_elapsed, 2),
    }
    if two_planners:
        Reminder.objects.all().delete()
        start_at = time.time() + 3  # both processes start planning at the same moment
        command = [sys.executable, str(Path(__file__)), "--plan-once", str(start_at), now.isoformat()]
        processes = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(2)]  # noqa: S603
        outputs = [p.communicate(timeout=1800)[0] for p in processes]
        planned = [json.loads(out.strip().splitlines()[-1]) for out in outputs]
        rows = Reminder.objects.count()
        result["two_planners"] = {
            "planned_by_each": [p["planned"] for p in planned],
            "seconds_each": [p["seconds"] for p in planned],
            "rows": rows,
            "duplicates": _duplicates(),
            "expected_rows": created,
        }
    print(f"  reminders: {result['per_second']:,}/s for {subjects:,} subjects")
    throughput.clean()
    return result


def plan_once(start_at: float, now: str) -> None:
    """One of the two concurrent planners: wait for the agreed moment, plan, report as JSON."""
    time.sleep(max(0.0, start_at - time.time()))
    started = time.perf_counter()
    planned = reminders_plan(now=datetime.fromisoformat(now))
    print(json.dumps({"planned": planned, "seconds": round(time.perf_counter() - started, 2)}))


# --- load ---------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wrk(url: str, token: str, seconds: int, connections: int) -> dict:
    env = {**os.environ, "BENCH_TOKEN": token}
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(BENCH / "wrk.lua"),
        url,
    ]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(x for x in out.splitlines() if x.startswith("{"))
    data = json.loads(line)
    errors = sum(data.pop("errors").values())
    return {
        "rps": round(data["requests"] / (data["duration_us"] / 1e6), 1),
        "p50_ms": round(data["p50_ms"], 2),
        "p95_ms": round(data["p95_ms"], 2),
        "p99_ms": round(data["p99_ms"], 2),
        "errors": errors,
        "requests": data["requests"],
    }


def measure_load(seconds: int, connections: int) -> dict:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (make bench installs it: apt-get install -y wrk).")
    _, token = client_for(f"lead@{seeder.DOMAIN}")
    port = _free_port()
    env = {**os.environ, **BENCH_ENV, "DJANGO_SETTINGS_MODULE": "config.settings.production"}
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen(  # noqa: S603
        [gunicorn, "config.wsgi", "-w", "4", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2):  # noqa: S310
                    break
            except OSError:
                time.sleep(0.2)
        trivial = _wrk(f"{base}/healthz", token, seconds, connections)
        listing = _wrk(f"{base}{LOAD_ENDPOINT}", token, seconds, connections)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    result = {
        "endpoint": LOAD_ENDPOINT,
        "seconds": seconds,
        "connections": connections,
        "workers": 4,
        "list": listing,
        "trivial": trivial,
        "ratio": {
            "rps": round(listing["rps"] / trivial["rps"], 3),
            "p50": round(listing["p50_ms"] / trivial["p50_ms"], 1),
            "p95": round(listing["p95_ms"] / trivial["p95_ms"], 1),
            "p99": round(listing["p99_ms"] / trivial["p99_ms"], 1),
        },
    }
    print(f"  load: list {listing['rps']} rps p99 {listing['p99_ms']} ms; /healthz {trivial['rps']} rps")
    return result


# --- one scale, growth, output ------------------------------------------------------------------


def run_scale(scale: float, *, repeats: int, load_seconds: int, connections: int, two_planners: bool) -> dict:
    print(f"scale {scale:g}: seeding")
    written, seed_seconds = seeder.run_seed(scale, quiet=False)
    started = time.perf_counter()
    planned_on_seed = reminders_plan()
    plan_seconds = time.perf_counter() - started
    result = {
        "scale": scale,
        "seed": {"rows": written, "total_rows": sum(written.values()), "seconds": round(seed_seconds, 1)},
        "reminders_on_seed": {"planned": planned_on_seed, "seconds": round(plan_seconds, 2)},
    }
    # The dashboard first: it leaves the snapshots the snapshot list then reads.
    result["dashboard"] = measure_dashboard(max(3, repeats // 2))
    result["lists"] = measure_lists(repeats)
    if load_seconds:
        result["load"] = measure_load(load_seconds, connections)
    result["reminders"] = measure_reminders(round(100_000 * scale), two_planners=two_planners)
    # Other work on the machine inflates every time; the load average says how much there was.
    result["load_average_1_5_15"] = [round(x, 2) for x in os.getloadavg()]
    return result


def growth(small: dict, large: dict) -> dict:
    """How each figure grew from the smaller scale to the larger: large / small."""

    def ratio(a, b):
        return round(b / a, 2) if a else None

    lists = {}
    for a, b in zip(small["lists"], large["lists"], strict=True):
        lists[a["endpoint"]] = {
            size: ratio(a["sizes"][size]["ms"], b["sizes"][size]["ms"]) for size in a["sizes"]
        }
    out = {
        "from_scale": small["scale"],
        "to_scale": large["scale"],
        "data": ratio(small["seed"]["total_rows"], large["seed"]["total_rows"]),
        "seed_seconds": ratio(small["seed"]["seconds"], large["seed"]["seconds"]),
        "lists_ms": lists,
        "dashboard_cold_ms": ratio(small["dashboard"]["cold_ms"], large["dashboard"]["cold_ms"]),
        "dashboard_warm_ms": ratio(small["dashboard"]["warm_ms"], large["dashboard"]["warm_ms"]),
        "dashboard_floor_ms": ratio(small["dashboard"]["floor_ms"], large["dashboard"]["floor_ms"]),
        "reminders_per_second": ratio(small["reminders"]["per_second"], large["reminders"]["per_second"]),
    }
    if "load" in small and "load" in large:
        out["load_list_rps"] = ratio(small["load"]["list"]["rps"], large["load"]["list"]["rps"])
        out["load_list_p99"] = ratio(small["load"]["list"]["p99_ms"], large["load"]["list"]["p99_ms"])
    return out


def verdicts(run: dict) -> dict:
    """Which targets this run met, for the largest scale measured."""
    largest = run["scales"][-1]
    over = [
        f"{row['endpoint']} x{row['sizes']['500']['ratio']}"
        for row in largest["lists"]
        if "500" in row["sizes"] and row["sizes"]["500"]["ratio"] > TARGETS["list_ratio_at_500"]
    ]
    growing = [row["endpoint"] for row in largest["lists"] if not row["queries_constant"]]
    out = {
        "scale": largest["scale"],
        "lists_within_2x_at_500": not over,
        "lists_over_2x_at_500": over,
        "dashboard_cold_within_1_5x": largest["dashboard"]["cold_ratio"] <= TARGETS["dashboard_ratio"],
        "query_counts_constant": not growing,
        "query_counts_growing": growing,
    }
    if "load" in largest:
        out["zero_errors_under_load"] = (
            largest["load"]["list"]["errors"] == 0 and largest["load"]["trivial"]["errors"] == 0
        )
    return out


def environment() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        version = cursor.fetchone()[0].split(",")[0]
    return {
        "date": str(timezone.localdate()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "python": platform.python_version(),
        "database": version,
        "settings": os.environ["DJANGO_SETTINGS_MODULE"],
        "floor_encoder": encoder()[0],
    }


def _fmt_ratio(value) -> str:
    return "n/a" if value is None else f"{value:g}x"


def table(run: dict) -> str:
    """The README's table, from results.json."""
    scales = run["scales"]
    head = " | ".join(f"scale {s['scale']:g}" for s in scales)
    lines = [
        f"Measured {run['environment']['date']} on {run['environment']['machine']}, "
        f"{run['environment']['database']}, Python {run['environment']['python']}.",
    ]
    if all("load_average_1_5_15" in s for s in scales):
        averages = "; ".join(f"scale {s['scale']:g}: {s['load_average_1_5_15']}" for s in scales)
        lines.append(f"Machine load average (1, 5, 15 min) at the end of each scale: {averages}.")
    lines += [
        "",
        "### List endpoints (ms per request; ratio to the `.values()` + orjson floor; queries)",
        "",
        f"| endpoint | page | {head} |",
        "|---|---|" + "---|" * len(scales),
    ]
    for index, row in enumerate(scales[0]["lists"]):
        for size in row["sizes"]:
            cells = []
            for s in scales:
                m = s["lists"][index]["sizes"][size]
                cells.append(f"{m['ms']} ms, x{m['ratio']}, {m['queries']} q")
            lines.append(f"| {row['endpoint']} | {size} | " + " | ".join(cells) + " |")
    lines += ["", "### Charter dashboard (one quarter, with its 8-quarter trend)", "", f"| figure | {head} |"]
    lines.append("|---|" + "---|" * len(scales))
    for key, label in (
        ("cold_ms", "from nothing (snapshots cleared), ms"),
        ("floor_ms", "floor: the metrics' aggregate SQL run raw, ms"),
        ("cold_ratio", "from nothing / floor"),
        ("cold_queries", "queries from nothing"),
        ("warm_ms", "snapshots present, ms"),
        ("warm_queries", "queries with snapshots present"),
        ("api_warm_ms", "API /charter/dashboard with snapshots, ms"),
    ):
        lines.append(f"| {label} | " + " | ".join(str(s["dashboard"][key]) for s in scales) + " |")
    lines += ["", "### Reminders", "", f"| figure | {head} |", "|---|" + "---|" * len(scales)]
    lines.append("| due subjects | " + " | ".join(f"{s['reminders']['subjects']:,}" for s in scales) + " |")
    lines.append(
        "| planned per second | " + " | ".join(f"{s['reminders']['per_second']:,}" for s in scales) + " |"
    )
    if all("two_planners" in s["reminders"] for s in scales):
        cells = [
            f"{s['reminders']['two_planners']['duplicates']} "
            f"({s['reminders']['two_planners']['rows']:,} rows)"
            for s in scales
        ]
        lines.append("| duplicates, two planners at once | " + " | ".join(cells) + " |")
    if all("load" in s for s in scales):
        lines += ["", "### Under load (gunicorn 4 workers, wrk 32 connections, 30 s)", ""]
        lines += [f"| figure | {head} |", "|---|" + "---|" * len(scales)]
        for key, label in (
            ("rps", "requests/s"),
            ("p50_ms", "p50 ms"),
            ("p95_ms", "p95 ms"),
            ("p99_ms", "p99 ms"),
        ):
            cells = []
            for s in scales:
                load = s["load"]
                short = key.replace("_ms", "")
                cells.append(
                    f"{load['list'][key]} (/healthz {load['trivial'][key]}; x{load['ratio'][short]})"
                )
            lines.append(f"| {label}, list | " + " | ".join(cells) + " |")
        errors = [
            f"{s['load']['list']['errors']} (/healthz {s['load']['trivial']['errors']})" for s in scales
        ]
        lines.append("| errors | " + " | ".join(errors) + " |")
    if run.get("growth"):
        g = run["growth"]
        lines += ["", f"### Growth from scale {g['from_scale']:g} to {g['to_scale']:g} (large / small)", ""]
        lines += ["| figure | growth |", "|---|---|", f"| rows of data | {_fmt_ratio(g['data'])} |"]
        for name, sizes in g["lists_ms"].items():
            lines.append(
                f"| {name}, ms | " + ", ".join(f"{k}: {_fmt_ratio(v)}" for k, v in sizes.items()) + " |"
            )
        for key in ("dashboard_cold_ms", "dashboard_floor_ms", "dashboard_warm_ms", "reminders_per_second"):
            lines.append(f"| {key.replace('_', ' ')} | {_fmt_ratio(g[key])} |")
        for key in ("load_list_rps", "load_list_p99"):
            if key in g:
                lines.append(f"| {key.replace('_', ' ')} | {_fmt_ratio(g[key])} |")
    v = run["verdicts"]
    lines += ["", f"### Targets (at scale {v['scale']:g})", "", "| target | met |", "|---|---|"]
    lines.append(
        "| lists at most 2x their floor at page size 500 | "
        + ("yes" if v["lists_within_2x_at_500"] else "no: " + "; ".join(v["lists_over_2x_at_500"]))
        + " |"
    )
    lines.append(
        f"| dashboard at most 1.5x its raw SQL floor | {'yes' if v['dashboard_cold_within_1_5x'] else 'no'} |"
    )
    if "zero_errors_under_load" in v:
        lines.append(f"| zero errors under load | {'yes' if v['zero_errors_under_load'] else 'no'} |")
    lines.append(
        "| query counts constant in page size | "
        + ("yes" if v["query_counts_constant"] else "no: " + ", ".join(v["query_counts_growing"]))
        + " |"
    )
    return "\n".join(lines)


def write_readme(run: dict, readme: Path = README) -> None:
    text = readme.read_text() if readme.exists() else f"# Benchmark\n\n{TABLE_START}\n{TABLE_END}\n"
    before, rest = text.split(TABLE_START, 1)
    _, after = rest.split(TABLE_END, 1)
    readme.write_text(f"{before}{TABLE_START}\n{table(run)}\n{TABLE_END}{after}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="0.1,1", help="comma-separated, smallest first")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--load-seconds", type=int, default=30, help="0 skips the load test")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--force", action="store_true", help="seed over a database that holds other data")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--table-only", action="store_true", help="rewrite the README table from --output")
    parser.add_argument("--plan-once", nargs=2, metavar=("START_AT", "NOW"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.plan_once:
        plan_once(float(args.plan_once[0]), args.plan_once[1])
        return
    if args.table_only:
        write_readme(json.loads(args.output.read_text()))
        return
    if connection.vendor != "postgresql":
        sys.exit("The benchmark measures PostgreSQL: set DATABASE_URL to a PostgreSQL database.")
    if not args.force and not seeder.ours_or_empty():
        sys.exit("This database holds data that is not the bench's; pass --force to replace it.")
    if encoder()[0] != "orjson":
        sys.exit("The floor is encoded with orjson: install the bench extras (make bench does).")
    scales = [float(s) for s in args.scales.split(",")]
    run = {"environment": environment(), "scales": []}
    for scale in scales:
        run["scales"].append(
            run_scale(
                scale,
                repeats=args.repeats,
                load_seconds=args.load_seconds,
                connections=args.connections,
                two_planners=True,
            )
        )
    if len(run["scales"]) > 1:
        run["growth"] = growth(run["scales"][0], run["scales"][-1])
    run["verdicts"] = verdicts(run)
    args.output.write_text(json.dumps(run, indent=2) + "\n")
    write_readme(run)
    print(table(run))


if __name__ == "__main__":
    main()
