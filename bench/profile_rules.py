"""Per-rule cost (figures, not a timed test).

    python bench/profile_rules.py                 # s/MB per rule and for the analyse stage
    python bench/profile_rules.py --repeat 40     # more text (the five seeds repeated)
    python bench/profile_rules.py --cprofile T501 # where one rule (or "analyse") spends its time
    python bench/profile_rules.py --separate      # each seed its own document, as bench.py's throughput

Costs are CPU time (time.process_time), so other load on the machine disturbs them less.
The corpus is the seed reports joined into one document and repeated. Each rule runs on the
same Context in registry order, so a fact computed on first use (periods, quantities, the
typography rules' exempt spans) is charged to the first rule that asks for it.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from reportlint.config import Settings  # noqa: E402
from reportlint.engine import analyse  # noqa: E402
from reportlint.readers.text import read_text  # noqa: E402
from reportlint.rules import Context, all_rules  # noqa: E402


def corpus() -> list[bytes]:
    seeds = ROOT.parent / "shared" / "seeds"
    files = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    files = files or sorted((ROOT / "examples").glob("*.txt"))
    return [p.read_bytes() for p in files]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20, help="documents (the seeds joined) to check")
    ap.add_argument("--separate", action="store_true",
                    help="each seed is its own document, as in bench.py's throughput section (per-document "
                    "costs weigh more); default: the seeds joined into one document")
    ap.add_argument("--cprofile", metavar="CODE", help="profile one rule (or 'analyse') and print the top functions")
    ap.add_argument("--top", type=int, default=25)
    a = ap.parse_args()

    texts = corpus() if a.separate else [b"\n".join(corpus())]
    docs = [read_text(t, f"r{i}_{j}.txt") for i in range(a.repeat) for j, t in enumerate(texts)]
    settings = Settings()
    rules = all_rules()
    outline, facts, ruleset, _ = analyse(docs[0], settings)  # warm caches (grammar, rulesets)
    ctx0 = Context(docs[0], outline, facts, ruleset)
    for r in rules:
        list(r().check(ctx0))

    prof = cProfile.Profile() if a.cprofile else None
    target = a.cprofile.upper() if a.cprofile else None
    cost: Counter[str] = Counter()
    t_all = time.process_time()
    for d in docs:
        if target == "ANALYSE":
            prof.enable()
        t = time.process_time()
        outline, facts, ruleset, _ = analyse(d, settings)
        cost["analyse"] += time.process_time() - t
        if target == "ANALYSE":
            prof.disable()
        ctx = Context(d, outline, facts, ruleset)
        for r in rules:
            if target == r.code:
                prof.enable()
            t = time.process_time()
            for _ in r().check(ctx):
                pass
            cost[r.code] += time.process_time() - t
            if target == r.code:
                prof.disable()
    total = time.process_time() - t_all
    mb = sum(map(len, texts)) * a.repeat / 1e6
    print(f"{mb:.2f} MB in {len(docs)} documents: {total:.2f} s -> {total / mb:.3f} s/MB, {mb / total:.2f} MB/s")
    print(f"{'stage':8} {'s/MB':>7} {'share':>6}")
    for name, v in cost.most_common():
        print(f"{name:8} {v / mb:7.3f} {v / total:6.1%}")
    if prof is not None:
        pstats.Stats(prof).sort_stats("tottime").print_stats(a.top)


if __name__ == "__main__":
    main()
