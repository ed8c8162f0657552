"""Benchmarks (figures, not timed tests).

    python bench/bench.py            # throughput over ~10 MB and fresh-process wall time
    python bench/bench.py --mb 2     # a smaller corpus

Prints: MB/s of the whole pipeline in process (outline, facts, every rule) over the five seed
reports repeated to the given size, and the median wall time of `python -m reportlint check`
on one ~10 KB report as a fresh process.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
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
    return files or sorted((ROOT / "examples").glob("*.txt"))


def throughput(target_mb: float, select: tuple[str, ...] | None = None) -> None:
    texts = [p.read_bytes() for p in corpus()]
    docs, size = [], 0
    while size < target_mb * 1_000_000:
        for i, data in enumerate(texts):
            docs.append(read_text(data, f"r{len(docs)}.txt"))
            size += len(data)
    settings = Settings(select=select)
    lint_document(docs[0], settings)  # warm caches (grammar, rulesets, rule registry)
    t0 = time.perf_counter()
    n = 0
    for d in docs:
        n += len(lint_document(d, settings).findings)
    dt = time.perf_counter() - t0
    print(f"throughput: {size / 1e6:.1f} MB in {len(docs)} reports, {dt:.2f} s -> {size / 1e6 / dt:.2f} MB/s (one core), {n} findings")

    big = b"\n".join(texts) * max(1, int(target_mb * 1_000_000 // sum(len(t) for t in texts)))
    doc = read_text(big, "big.txt")
    t0 = time.perf_counter()
    lint_document(doc, settings)
    dt = time.perf_counter() - t0
    print(f"one document of {len(big) / 1e6:.1f} MB ({len(doc.blocks)} lines): {dt:.2f} s -> {len(big) / 1e6 / dt:.2f} MB/s")


def fresh_process(runs: int) -> None:
    target = max(corpus(), key=lambda p: p.stat().st_size if p.stat().st_size < 30_000 else 0)
    cmd = [sys.executable, "-m", "reportlint", "check", "--output-format", "concise", str(target)]
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        times.append(time.perf_counter() - t0)
    print(f"fresh process on {target.name} ({target.stat().st_size / 1000:.1f} KB): median {statistics.median(times) * 1000:.0f} ms over {runs} runs (min {min(times) * 1000:.0f} ms)")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--select", default=None, help="rule codes or prefixes, comma-separated (default: all)")
    a = ap.parse_args()
    print(f"rules: {a.select or 'all'}")
    throughput(a.mb, tuple(a.select.split(",")) if a.select else None)
    fresh_process(a.runs)
