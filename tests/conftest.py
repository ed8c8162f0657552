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

# Property tests explore new random examples on every local run; under CI (``CI`` set, as
# hosted CI runners do) they replay one fixed sequence, so that a clean checkout's result
# does not depend on the draw. Examples that once failed are pinned with @example in the tests.
try:
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("ci", derandomize=True, database=None)
    if os.environ.get("CI"):
        _hypothesis_settings.load_profile("ci")
except ImportError:  # pragma: no cover - hypothesis is a test dependency
    pass
