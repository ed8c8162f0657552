"""Benchmarks (figures, not timed tests): the speed table of issue 7.

    python bench/bench.py                 # everything below, ~10 MB corpus
    python bench/bench.py --mb 2          # a smaller corpus
    python bench/bench.py --only throughput,fresh    # some sections only

Sections (``--only`` names):

- ``throughput``: MB/s of the whole pipeline in process (outline, facts, every rule) over the
  seed reports repeated to ``--mb`` (target >= 2 MB/s per core): the median of
  ``--throughput-runs`` passes, by wall time and by CPU time (which other load on a shared machine
  inflates less), and one document of that size;
- ``fresh``: median wall time of ``python -m reportlint check`` as a fresh process on one
  ~10 KB report (a seed trimmed at a line end; target <= 0.25 s): an edited report with a warm
  cache (rulesets and regexes cached, see reportlint.cache, but no stored result for the file:
  the figure of the target), the same report unchanged (its result reused, see
  reportlint.resultcache), and with an empty cache (the first run after installing), beside
  ``python -c pass``;
- ``docx``: the same on a ~30-page .docx with tables (built with tests/docx_fixtures.py;
  target <= 0.5 s);
- ``rss``: peak resident memory of ``check`` on a ``--mb`` input (target <= 300 MB);
- ``folder``: 500 vs 1000 reports in a folder with ``--jobs 2``, and 1000 with ``--jobs 1``
  (targets: 1000/500 <= 1.6, ``--jobs 2`` faster than ``--jobs 1``): medians of ``--folder-runs``
  interleaved rounds, wall and CPU time, every report new to the result cache (its stored
  results are dropped before each run; the rulesets stay cached); and the 1000 reports checked
  again unchanged (every result reused);
- ``compare``: the same corpus through autocorrect (``pip install autocorrect-py``, a widely used
  CJK text linter; not a dependency of reportlint) and the time ratio; skipped when absent.

``bench/profile_rules.py`` breaks the in-process figure down per rule.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from reportlint.config import Settings  # noqa: E402
from reportlint.engine import lint_document  # noqa: E402
from reportlint.readers.text import read_text  # noqa: E402


def corpus() -> list[Path]:
    seeds = ROOT.parent / "shared" / "seeds"
    files = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    files = files or sorted((ROOT / "examples").glob("*.txt"))
    if not files:  # every section repeats the corpus up to a size: an empty one would never get there
        raise SystemExit(f"bench: no reports to measure (neither {seeds} nor {ROOT / 'examples'} holds a .txt)")
    return files


def throughput(target_mb: float, select: tuple[str, ...] | None = None, runs: int = 3) -> None:
    texts = [p.read_bytes() for p in corpus()]
    docs, size = [], 0
    while size < target_mb * 1_000_000:
        for i, data in enumerate(texts):
            docs.append(read_text(data, f"r{len(docs)}.txt"))
            size += len(data)
    settings = Settings(select=select)
    lint_document(docs[0], settings)  # warm caches (grammar, rulesets, rule registry)
    walls, cpus = [], []
    for _ in range(max(1, runs)):
        t0, c0 = time.perf_counter(), time.process_time()
        n = 0
        for d in docs:
            n += len(lint_document(d, settings).findings)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    dt, cpu = statistics.median(walls), statistics.median(cpus)
    print(f"throughput: {size / 1e6:.1f} MB in {len(docs)} reports, {dt:.2f} s -> {size / 1e6 / dt:.2f} MB/s (one core), "
          f"{n} findings; CPU time {cpu:.2f} s -> {size / 1e6 / cpu:.2f} MB/s (median of {len(walls)} runs; "
          f"wall MB/s of each: {', '.join(f'{size / 1e6 / w:.2f}' for w in walls)})")

    big = b"\n".join(texts) * max(1, int(target_mb * 1_000_000 // sum(len(t) for t in texts)))
    doc = read_text(big, "big.txt")
    t0 = time.perf_counter()
    lint_document(doc, settings)
    dt = time.perf_counter() - t0
    print(f"one document of {len(big) / 1e6:.1f} MB ({len(doc.blocks)} lines): {dt:.2f} s -> {len(big) / 1e6 / dt:.2f} MB/s")


ENV = {"PYTHONPATH": str(ROOT / "src"), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
CHECK = [sys.executable, "-m", "reportlint", "check", "--no-config", "--no-progress", "--output-format", "concise"]


def _forget_results(env: dict[str, str]) -> None:
    """Drop the stored results of checked files (reportlint.resultcache), keep the rest of the
    cache: the next run sees every report as new or edited."""
    shutil.rmtree(Path(env["REPORTLINT_CACHE_DIR"]) / "results", ignore_errors=True)


def _wall(cmd: list[str], env: dict[str, str] | None = None) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or ENV, check=False)
    return time.perf_counter() - t0


def _cold_and_warm(cmd: list[str], runs: int) -> str:
    """Figures for ``cmd``: an edited report with a warm cache (every run after the first, the
    file's stored result dropped before each run), the report unchanged (its result reused), and
    an empty cache (the first run after installing or editing a ruleset), next to a bare
    interpreter's."""
    with tempfile.TemporaryDirectory() as cache:
        env = dict(ENV, REPORTLINT_CACHE_DIR=cache)
        _wall(cmd + ["--no-cache"])  # bytecode and file cache warm
        cold = []
        for _ in range(max(3, runs // 2)):
            shutil.rmtree(cache)
            cold.append(_wall(cmd, env))
        _wall(cmd, env)
        warm = []
        for _ in range(runs):
            _forget_results(env)
            warm.append(_wall(cmd, env))
        unchanged = [_wall(cmd, env) for _ in range(runs)]
    bare = statistics.median(_wall([sys.executable, "-c", "pass"]) for _ in range(runs))
    return (
        f"edited, warm cache median {statistics.median(warm) * 1000:.0f} ms over {runs} runs (min {min(warm) * 1000:.0f} ms); "
        f"unchanged (result reused) {statistics.median(unchanged) * 1000:.0f} ms; "
        f"empty cache {statistics.median(cold) * 1000:.0f} ms; `python -c pass` {bare * 1000:.0f} ms"
    )


def report_10kb(folder: Path) -> Path:
    """A ~10 KB report: the largest seed cut at the first line end past 10,000 bytes."""
    src = max(corpus(), key=lambda p: p.stat().st_size)
    data = src.read_bytes()
    cut = data.find(b"\n", 10_000)
    path = folder / f"{src.stem}_10kb.txt"
    path.write_bytes(data if cut < 0 else data[: cut + 1])
    return path


def fresh_process(runs: int, folder: Path) -> None:
    target = report_10kb(folder)
    print(f"fresh process, .txt {target.stat().st_size / 1000:.1f} KB (target <= 250 ms): {_cold_and_warm(CHECK + [str(target)], runs)}")


def docx_30_pages(folder: Path) -> Path:
    """A ~30-page report with tables, its headings numbered by numbering.xml (as Word does)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from docx_fixtures import report_docx  # noqa: PLC0415 - python-docx only for this section

    body = [ln.strip() for p in corpus() for ln in p.read_text(encoding="utf-8").splitlines()]
    body = [ln for ln in body if len(ln) > 20 and not ln.startswith(("一、", "二、", "三、", "（", "("))]
    cn = "一二三四五六七八九十"
    items: list = ["青山镇2025年工作总结及2026年工作计划"]
    chars, k = 0, 0
    while chars < 30 * 700:  # ~700 characters of 三号 text on a page of 公文
        sec = len(items) // 12
        if sec < 10 and len(items) % 12 == 1:
            items.append(f"{cn[sec]}、第{cn[sec]}部分工作")
        para = body[k % len(body)]
        items.append(para)
        chars += len(para)
        k += 1
        if k % 8 == 0:
            items.append([["项目", "计划", "完成", "完成率"]] + [[f"项目{r}", "120", "96", "80%"] for r in range(1, 6)] + [["合计", "600", "480", "80%"]])
    path = folder / "report_30_pages.docx"
    path.write_bytes(report_docx(items))
    return path


def fresh_docx(runs: int, folder: Path) -> None:
    target = docx_30_pages(folder)
    print(f"fresh process, .docx ~30 pages with tables ({target.stat().st_size / 1000:.0f} KB; target <= 500 ms): {_cold_and_warm(CHECK + [str(target)], runs)}")


def big_input(mb: float, folder: Path) -> Path:
    texts = [p.read_bytes() for p in corpus()]
    big = b"\n".join(texts) * max(1, int(mb * 1_000_000 // sum(len(t) for t in texts)))
    path = folder / "big.txt"
    path.write_bytes(big)
    return path


def peak_rss(mb: float, folder: Path) -> None:
    target = big_input(mb, folder)
    cmd = CHECK + [str(target)]
    if Path("/usr/bin/time").exists():
        r = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, check=False, text=True)
        kb = max((int(ln.split(":")[1]) for ln in r.stderr.splitlines() if "Maximum resident set size" in ln), default=0)
    else:  # pragma: no cover - ru_maxrss of the children so far: run this section alone
        import resource

        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, check=False)
        kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"peak RSS of check on {target.stat().st_size / 1e6:.1f} MB: {kb / 1024:.0f} MB (target <= 300 MB)")


def _wall_cpu(cmd: list[str], forget: bool = True) -> tuple[float, float]:
    """Wall time and CPU time (user + system, the workers included) of one run; ``forget``: with
    no stored results (every report new or edited)."""
    import resource

    if forget:
        _forget_results(ENV)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def folder_jobs(folder: Path, sizes: tuple[int, int], runs: int = 3) -> None:
    """Medians over ``runs`` rounds, the three commands interleaved in each round so that a burst of
    other load on the machine hits all of them alike; CPU time beside wall time, which other load
    inflates but cannot make up."""
    texts = [p.read_bytes() for p in corpus()]
    dirs = {}
    for n in sizes:
        d = folder / f"reports_{n}"
        d.mkdir()
        for i in range(n):
            (d / f"{i:04d}.txt").write_bytes(texts[i % len(texts)])
        dirs[n] = d
    small, large = sizes
    cases = {"small2": (small, "2"), "large2": (large, "2"), "large1": (large, "1")}
    _wall(CHECK + ["--jobs", "2", str(dirs[small])])  # bytecode and file cache warm
    got: dict[str, list[tuple[float, float]]] = {k: [] for k in cases}
    unchanged = []
    for _ in range(max(1, runs)):
        for key, (n, jobs) in cases.items():
            got[key].append(_wall_cpu(CHECK + ["--jobs", jobs, str(dirs[n])]))
        unchanged.append(_wall_cpu(CHECK + ["--jobs", "2", str(dirs[large])], forget=False))
    wall = {k: statistics.median(w for w, _ in v) for k, v in got.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in got.items()}
    print(f"folder (median of {max(1, runs)} runs): {small} reports --jobs 2 {wall['small2']:.1f} s; "
          f"{large} reports --jobs 2 {wall['large2']:.1f} s (ratio {wall['large2'] / wall['small2']:.2f}, target <= 1.6 for 1000/500); "
          f"--jobs 1 {wall['large1']:.1f} s (jobs 2 / jobs 1 = {wall['large2'] / wall['large1']:.2f}, target < 1)")
    print(f"  CPU time (user + system, workers included): {small} --jobs 2 {cpu['small2']:.1f} s; {large} --jobs 2 "
          f"{cpu['large2']:.1f} s; {large} --jobs 1 {cpu['large1']:.1f} s; wall of each run: "
          + "; ".join(f"{k} " + "/".join(f"{w:.1f}" for w, _ in v) for k, v in got.items()))
    print(f"  {large} reports checked again unchanged (results reused), --jobs 2: "
          f"{statistics.median(w for w, _ in unchanged):.2f} s wall, {statistics.median(c for _, c in unchanged):.2f} s CPU")


def compare(mb: float) -> None:
    """reportlint and autocorrect on the same documents, in process."""
    try:
        import autocorrect_py  # noqa: PLC0415
    except ImportError:
        print("compare: autocorrect not installed (pip install autocorrect-py): skipped")
        return
    texts = [p.read_bytes() for p in corpus()]
    docs, size = [], 0
    while size < mb * 1_000_000:
        for data in texts:
            docs.append(data)
            size += len(data)
    settings = Settings()
    lint_document(read_text(docs[0], "w.txt"), settings)
    autocorrect_py.lint_for(docs[0].decode("utf-8"), "w.txt")
    t0 = time.perf_counter()
    n_rl = sum(len(lint_document(read_text(d, f"r{i}.txt"), settings).findings) for i, d in enumerate(docs))
    t_rl = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_ac = sum(len(autocorrect_py.lint_for(d.decode("utf-8"), f"r{i}.txt").lines) for i, d in enumerate(docs))
    t_ac = time.perf_counter() - t0
    print(f"compare on {size / 1e6:.1f} MB in {len(docs)} reports: reportlint {t_rl:.2f} s ({n_rl} findings), "
          f"autocorrect {t_ac:.2f} s ({n_ac} lines to change): reportlint / autocorrect = {t_rl / t_ac:.1f}x")


SECTIONS = ("throughput", "fresh", "docx", "rss", "folder", "compare")

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--select", default=None, help="rule codes or prefixes, comma-separated (default: all)")
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections: {', '.join(SECTIONS)}")
    ap.add_argument("--folder-sizes", default="500,1000", help="the two folder sizes compared (default 500,1000)")
    ap.add_argument("--throughput-runs", type=int, default=3,
                    help="passes over the corpus in the throughput section (median reported; default 3)")
    ap.add_argument("--folder-runs", type=int, default=3, help="rounds of the folder section (median reported; default 3)")
    a = ap.parse_args()
    only = set(a.only.split(","))
    with tempfile.TemporaryDirectory(prefix="reportlint-bench-") as tmp:
        folder = Path(tmp)
        ENV["REPORTLINT_CACHE_DIR"] = str(folder / "cache")  # the bench's own cache, filled here
        _wall(CHECK + [str(corpus()[0])])
        if "throughput" in only:
            print(f"rules: {a.select or 'all'}")
            throughput(a.mb, tuple(a.select.split(",")) if a.select else None, a.throughput_runs)
        if "fresh" in only:
            fresh_process(a.runs, folder)
        if "docx" in only:
            fresh_docx(a.runs, folder)
        if "rss" in only:
            peak_rss(a.mb, folder)
        if "folder" in only:
            small, large = (int(x) for x in a.folder_sizes.split(","))
            folder_jobs(folder, (small, large), a.folder_runs)
        if "compare" in only:
            compare(min(a.mb, 2.0))
