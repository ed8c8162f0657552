"""Command line: ``reportlint check|rule|rules|outline``.

Exit codes (DESIGN.md): 0 no finding at or above the fail level, 1 findings, 2 usage error or
unreadable input (message on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reportlint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}


class UsageError(Exception):
    pass


def _t(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


# ----------------------------------------------------------------------------- argument parsing


def _split_codes(values: list[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="reportlint",
        description="检查工作总结、工作计划等政府工作报告 / lint Chinese government work reports",
    )
    p.add_argument("--version", action="version", version=f"reportlint {__version__}")
    sub = p.add_subparsers(dest="command", metavar="{check,rule,rules,outline}")

    c = sub.add_parser("check", help="检查报告 / check reports")
    c.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="文件、文件夹或 - （标准输入）")
    c.add_argument("--output-format", choices=("rich", "concise", "json"), default=None)
    c.add_argument("--lang", choices=("zh", "en"), default=None)
    c.add_argument("--select", action="append", metavar="CODES", help="只运行这些规则（代码或前缀，逗号分隔）")
    c.add_argument("--ignore", action="append", metavar="CODES", help="忽略这些规则（代码或前缀，逗号分隔）")
    c.add_argument("--ruleset", default=None, help="annual | half-year | quarterly | 规则集 TOML 路径（默认按标题判断）")
    c.add_argument("--extend-ruleset", action="append", default=None, metavar="TOML", help="追加用户规则集")
    c.add_argument("--config", default=None, metavar="TOML", help="使用这个配置文件（不再向上查找）")
    c.add_argument("--no-config", action="store_true", help="不读取任何配置文件")
    c.add_argument("--encoding", default=None, help="文本文件的编码（默认自动识别）")
    c.add_argument("--stdin-format", choices=("txt", "md"), default="txt")
    c.add_argument("--fail-on", choices=("error", "warning", "info"), default=None, help="达到此级别即返回 1（默认 warning）")
    c.add_argument("--exit-zero", action="store_true", help="有问题也返回 0")
    c.add_argument("--color", choices=("auto", "always", "never"), default="auto")

    r = sub.add_parser("rule", help="规则说明 / explain a rule")
    r.add_argument("code")
    r.add_argument("--lang", choices=("zh", "en"), default="zh")

    rs = sub.add_parser("rules", help="列出全部规则 / list rules")
    rs.add_argument("--lang", choices=("zh", "en"), default="zh")
    rs.add_argument("--format", choices=("text", "markdown", "json"), default="text")

    o = sub.add_parser("outline", help="打印大纲树 / print the parsed outline")
    o.add_argument("path")
    o.add_argument("--lang", choices=("zh", "en"), default="zh")
    o.add_argument("--encoding", default=None)
    return p


# ----------------------------------------------------------------------------------- discovery


def discover(paths: list[str]) -> tuple[list[str], list[str]]:
    """Files to check (sorted within each folder) and paths that do not exist."""
    from reportlint.readers import SUPPORTED_SUFFIXES, _CONVERT

    wanted = SUPPORTED_SUFFIXES | set(_CONVERT)
    files: list[str] = []
    missing: list[str] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            files.append("-")
            continue
        p = Path(raw)
        if p.is_dir():
            found = []
            for root, dirs, names in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
                for name in names:
                    if name.startswith(("~$", ".")):
                        continue  # Word lock files, hidden files
                    if Path(name).suffix.lower() in wanted:
                        found.append(os.path.join(root, name))
            for f in sorted(found):
                if f not in seen:
                    seen.add(f)
                    files.append(f)
        elif p.exists() or p.is_symlink():
            if raw not in seen:
                seen.add(raw)
                files.append(raw)
        else:
            missing.append(raw)
    return files, missing


# --------------------------------------------------------------------------------------- check


def _overrides(args) -> dict:
    from reportlint.findings import Severity

    out = {
        "select": _split_codes(args.select),
        "ignore": _split_codes(args.ignore),
        "ruleset": args.ruleset,
        "extend_ruleset": tuple(str(Path(x).resolve()) for x in args.extend_ruleset) if args.extend_ruleset else None,
        "fail_on": Severity(args.fail_on) if args.fail_on else None,
        "lang": args.lang,
    }
    return out


def _settings(path: str, args, explicit):
    from reportlint.config import apply_overrides, settings_for

    if explicit is not None:
        return apply_overrides(explicit, _overrides(args))
    return settings_for(path, _overrides(args), use_config=not args.no_config)


def cmd_check(args) -> int:
    from reportlint.config import ConfigError, load_config_file
    from reportlint.document import ReadError
    from reportlint.engine import FileResult, lint_document, lint_path
    from reportlint.findings import Severity
    from reportlint.output import render
    from reportlint.readers import read_path
    from reportlint.rulesets import RulesetError

    lang = args.lang or "zh"
    for code in (_split_codes(args.select) or ()) + (_split_codes(args.ignore) or ()):
        if not any(r.code.startswith(code) for r in _all_rules()):
            raise UsageError(_t(lang, f"未知的规则代码或前缀：{code}（用 reportlint rules 查看全部规则）", f"unknown rule code or prefix: {code} (see reportlint rules)"))
    explicit = load_config_file(args.config) if args.config else None
    files, missing = discover(args.paths)
    results = []
    errors: list[str] = []
    for m in missing:
        errors.append(_t(lang, f"{m}：文件或文件夹不存在", f"{m}: no such file or directory"))
    if not files and not missing:
        raise UsageError(_t(lang, "没有找到可检查的文件（.txt、.md、.docx）", "no files to check (.txt, .md, .docx)"))
    fail_on = Severity.WARNING
    for path in files:
        settings = _settings(path, args, explicit)
        lang = settings.lang if args.lang is None else args.lang
        fail_on = settings.fail_on
        try:
            if path == "-":
                try:
                    doc = read_path("-", encoding=args.encoding, stdin_format=args.stdin_format)
                    res = lint_document(doc, settings)
                except ReadError as exc:
                    res = FileResult(path="-", error=exc)
            else:
                res = lint_path(path, settings, encoding=args.encoding)
        except (RulesetError, ConfigError) as exc:
            raise UsageError(exc.message(lang)) from None
        if res.error is not None:
            errors.append(res.error.message(lang))
        results.append(res)
    for e in errors:
        print(e, file=sys.stderr)

    fmt = args.output_format or ("rich" if sys.stdout.isatty() else "concise")
    color = {"always": True, "never": False}.get(args.color)
    if color is None and os.environ.get("NO_COLOR"):
        color = False
    render(fmt, results, sys.stdout, lang=lang, color=color)
    sys.stdout.flush()

    if errors:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    failing = any(f.severity.rank >= fail_on.rank for r in results for f in r.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def _all_rules():
    from reportlint.rules import all_rules

    return all_rules()


# ------------------------------------------------------------------------------ rule, rules


def cmd_rule(args) -> int:
    from reportlint.docs import rule_text
    from reportlint.rules import get_rule

    rule = get_rule(args.code)
    if rule is None:
        raise UsageError(_t(args.lang, f"没有规则 {args.code}（用 reportlint rules 查看全部规则）", f"no rule {args.code} (see reportlint rules)"))
    sys.stdout.write(rule_text(rule, args.lang))
    return EXIT_OK


def cmd_rules(args) -> int:
    from reportlint.docs import rules_json, rules_markdown, rules_text

    out = {"text": rules_text, "markdown": rules_markdown, "json": rules_json}[args.format](args.lang)
    sys.stdout.write(out)
    return EXIT_OK


def cmd_outline(args) -> int:
    from reportlint.config import Settings
    from reportlint.docs import outline_tree
    from reportlint.document import ReadError
    from reportlint.engine import analyse
    from reportlint.readers import read_path

    try:
        doc = read_path(args.path, encoding=args.encoding)
    except ReadError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return EXIT_ERROR
    outline, facts, _ruleset, kind = analyse(doc, Settings())
    from rich.console import Console

    Console(highlight=False, soft_wrap=True).print(outline_tree(doc, outline, kind, args.lang))
    return EXIT_OK


# ------------------------------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = getattr(args, "lang", None) or "zh"
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        handler = {"check": cmd_check, "rule": cmd_rule, "rules": cmd_rules, "outline": cmd_outline}[args.command]
        return handler(args)
    except UsageError as exc:
        print(f"reportlint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # last resort: never a traceback for the clerk
        from reportlint.config import ConfigError
        from reportlint.rulesets import RulesetError

        if isinstance(exc, (ConfigError, RulesetError)):
            print(f"reportlint: {exc.message(lang)}", file=sys.stderr)
            return EXIT_ERROR
        if os.environ.get("REPORTLINT_DEBUG"):
            raise
        print(
            _t(lang, f"reportlint：内部错误 {exc.__class__.__name__}: {exc}（请报告此问题；设置 REPORTLINT_DEBUG=1 可查看详情）",
               f"reportlint: internal error {exc.__class__.__name__}: {exc} (please report it; set REPORTLINT_DEBUG=1 for details)"),
            file=sys.stderr,
        )
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
