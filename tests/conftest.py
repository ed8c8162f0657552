from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))
SEEDS = ROOT.parent / "shared" / "seeds"

# the validated-ruleset cache (reportlint.cache) of the tests' runs, and of the processes they
# start, lives in a folder of this session instead of the user's ~/.cache
if "REPORTLINT_CACHE_DIR" not in os.environ:
    import atexit
    import shutil
    import tempfile

    os.environ["REPORTLINT_CACHE_DIR"] = _CACHE = tempfile.mkdtemp(prefix="reportlint-test-cache-")
    atexit.register(shutil.rmtree, _CACHE, True)
