"""Regenerate the generated parts of README.md: the rule table and the example output."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from reportlint.docs import rules_markdown  # noqa: E402


def replace(text: str, name: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
    return pattern.sub(lambda m: m.group(1) + body + m.group(2), text)


def example_output() -> str:
    example = next((ROOT / "examples").glob("青山镇*.txt")).relative_to(ROOT)
    cmd = [sys.executable, "-m", "reportlint", "check", "--no-config", "--output-format", "rich", "--color", "never", str(example)]
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "src"), "COLUMNS": "100"}).stdout
    return f"```console\n$ reportlint check {example}\n{out.rstrip()}\n```\n"


if __name__ == "__main__":
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    text = replace(text, "rules", rules_markdown("zh"))
    text = replace(text, "output", example_output())
    readme.write_text(text, encoding="utf-8")
    print("README.md updated")
