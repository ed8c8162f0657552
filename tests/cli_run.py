"""Running the command line in process for tests, with nothing hidden."""

from __future__ import annotations

import io
import os
from contextlib import redirect_stderr, redirect_stdout

from reportlint.cli import main


def run_cli(argv: list[str], debug: bool = True) -> tuple[int, str, str]:
    """``main(argv)`` with stdout and stderr captured: (exit code, stdout, stderr).

    With ``debug`` (REPORTLINT_DEBUG=1) an internal error raises instead of becoming a message, so
    it fails the test loudly; without it the user-facing path (a one-line "internal error" message)
    is exercised. A traceback on stderr never passes.
    """
    out, err = io.StringIO(), io.StringIO()
    old = os.environ.get("REPORTLINT_DEBUG")
    if debug:
        os.environ["REPORTLINT_DEBUG"] = "1"
    else:
        os.environ.pop("REPORTLINT_DEBUG", None)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(argv)
    finally:
        if old is None:
            os.environ.pop("REPORTLINT_DEBUG", None)
        else:
            os.environ["REPORTLINT_DEBUG"] = old
    text = err.getvalue()
    assert "Traceback" not in text, text
    return code, out.getvalue(), text
