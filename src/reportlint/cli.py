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
    sub = p.add_subparsers(dest="command", metavar="{check,annotate,rule,rules,outline}")

    c = sub.add_parser("check", help="检查报告 / check reports")
    c.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="文件、文件夹或 - （标准输入）")
    c.add_argument(
        "--output-format",
        choices=("rich", "concise", "json", "json-lines", "sarif", "github"),
        default=None,
        help="输出格式（默认：终端 rich，否则 concise；GITHUB_ACTIONS=true 时为 github）",
    )
    c.add_argument("--lang", choices=("zh", "en"), default=None)
    c.add_argument("--select", action="append", metavar="CODES", help="只运行这些规则（代码或前缀，逗号分隔）")
    c.add_argument("--ignore", action="append", metavar="CODES", help="忽略这些规则（代码或前缀，逗号分隔）")
    c.add_argument("--ruleset", default=None, help="annual | half-year | quarterly | 规则集 TOML 路径（默认按标题判断）")
    c.add_argument("--extend-ruleset", action="append", default=None, metavar="TOML", help="追加用户规则集")
    c.add_argument("--config", default=None, metavar="TOML", help="使用这个配置文件（不再向上查找）")
    c.add_argument("--no-config", action="store_true", help="不读取任何配置文件")
    c.add_argument("--no-cache", action="store_true", help="不读写缓存：已校验的规则集、未改动文件的检查结果（默认在 ~/.cache/reportlint）")
    c.add_argument("--encoding", default=None, help="文本文件的编码（默认自动识别）")
    c.add_argument("--stdin-format", choices=("txt", "md"), default="txt")
    c.add_argument("--fail-on", choices=("error", "warning", "info"), default=None, help="达到此级别即返回 1（默认 warning）")
    c.add_argument("--exit-zero", action="store_true", help="有问题也返回 0")
    c.add_argument("--fix", action="store_true", help="自动修复可安全修复的排版与用词问题（T 类），再报告其余问题")
    c.add_argument("--diff", action="store_true", help="只打印 --fix 将做的修改（unified diff），不写文件")
    c.add_argument("--in-place", action="store_true", help="修复 .docx 时直接改写原文件（默认另存为 报告.fixed.docx）")
    c.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    # workflow integration (issue 6)
    c.add_argument("-o", "--output-file", default=None, metavar="FILE", help="把结果写入文件而不是标准输出")
    c.add_argument("--statistics", action="store_true", help="只输出每条规则的问题数 / count findings per rule")
    c.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help="并行检查的进程数（默认 = CPU 核数）")
    c.add_argument("--force-exclude", action="store_true", help="命令行直接给出的文件也按配置 exclude 排除")
    c.add_argument("--no-progress", action="store_true", help="不显示进度条")
    c.add_argument("--baseline", default=None, metavar="FILE", help="忽略基线文件中已记录的问题，只报告新问题")
    c.add_argument("--write-baseline", default=None, metavar="FILE", help="把当前全部问题写入基线文件")
    c.add_argument("--previous", default=None, metavar="FILE", help="上期报告：查找照搬的段落和未回顾的计划（默认在同一文件夹中自动查找）")
    c.add_argument("--annotate", action="store_true", help="另存一份带 Word 批注的 .docx（报告.reportlint.docx），不改原文件")
    # limits (issue 7): sizes such as 50MB, 200MB; 0 = no limit
    c.add_argument("--max-input-size", type=_size_arg, default=None, metavar="SIZE", help="超过此大小的输入不检查（默认 50MB；0 = 不限）")
    c.add_argument("--max-docx-size", type=_size_arg, default=None, metavar="SIZE", help=".docx 解压后声明大小的上限，防压缩炸弹（默认 200MB）")

    sub.add_parser(
        "annotate",
        help="生成带批注的 Word 文档 / write 报告.reportlint.docx with a comment per finding",
        description="reportlint annotate PATH... 等同于 reportlint check --annotate PATH...（接受 check 的全部选项）",
        add_help=False,
    )

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
    o.add_argument("--max-input-size", type=_size_arg, default=None, metavar="SIZE")
    o.add_argument("--max-docx-size", type=_size_arg, default=None, metavar="SIZE")
    return p


def _size_arg(value: str) -> int:
    from reportlint.config import parse_size

    try:
        return parse_size(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


# ----------------------------------------------------------------------------------- discovery


def discover(paths: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Files to check (sorted within each folder), paths that do not exist and folders that could
    not be listed (see reportlint.walk)."""
    from reportlint.walk import discover as walk_discover

    return walk_discover(paths)


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
        "max_input_size": getattr(args, "max_input_size", None),
        "max_docx_size": getattr(args, "max_docx_size", None),
    }
    return out


def _settings(path: str, args, explicit):
    from reportlint.config import apply_overrides, settings_for

    if explicit is not None:
        return apply_overrides(explicit, _overrides(args))
    return settings_for(path, _overrides(args), use_config=not args.no_config)


def cmd_check(args) -> int:
    from reportlint.config import ConfigError, load_config_file
    from reportlint.findings import Severity
    from reportlint.rulesets import RulesetError

    lang = args.lang or "zh"
    for code in (_split_codes(args.select) or ()) + (_split_codes(args.ignore) or ()):
        if not any(r.code.startswith(code) for r in _all_rules()):
            raise UsageError(_t(lang, f"未知的规则代码或前缀：{code}（用 reportlint rules 查看全部规则）", f"unknown rule code or prefix: {code} (see reportlint rules)"))
    explicit = load_config_file(args.config) if args.config else None
    from reportlint.walk import discover as walk_discover

    files, missing, unreadable = walk_discover(
        args.paths,
        None if args.no_config else (lambda p: _settings(p, args, explicit)),
        force_exclude=args.force_exclude,
    )
    results = []
    errors: list[str] = []
    for m in missing:
        errors.append(_t(lang, f"{m}：文件或文件夹不存在", f"{m}: no such file or directory"))
    for u in unreadable:
        errors.append(_t(lang, f"{u}：无法读取此文件夹（权限不足或已被删除），其中的文件未检查", f"{u}: cannot list this folder (permission denied or removed); its files were not checked"))
    if not files and not missing and not unreadable:
        raise UsageError(_t(lang, "没有找到可检查的文件（.txt、.md、.docx）", "no files to check (.txt, .md, .docx)"))
    from reportlint.parallel import UsageFromWorker, lint_files

    fail_on = Severity.WARNING
    tasks = []
    for path in files:
        settings = _settings(path, args, explicit)
        lang = settings.lang if args.lang is None else args.lang
        fail_on = settings.fail_on
        tasks.append((path, settings))
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(_t(lang, "--jobs 必须是正整数", "--jobs must be a positive integer"))
    from reportlint import cache

    # the findings of an unchanged file from an earlier run (never for --fix/--diff: they rewrite it)
    cached = cache.enabled() and not (args.fix or args.diff)
    try:
        results = lint_files(
            tasks,
            encoding=args.encoding,
            stdin_format=args.stdin_format,
            jobs=args.jobs,
            progress=not args.no_progress,
            cached=cached,
        )
    except (RulesetError, ConfigError, UsageFromWorker) as exc:
        raise UsageError(exc.message(lang)) from None
    if cached:
        from reportlint.resultcache import prune

        prune()
    if args.fix or args.diff:
        from reportlint.fix import fix_files

        results = fix_files(results, tasks, args, errors, lang)
    for res in results:
        if res.error is not None:
            errors.append(res.error.message(lang))
        elif res.document is not None and not any(b.text.strip() for b in res.document.blocks):
            print(_t(lang, f"{res.path}：文件为空（没有文字），没有可检查的内容", f"{res.path}: the file is empty (no text); nothing to check"), file=sys.stderr)
    _cross_check(args, tasks, results, lang, errors)
    from reportlint.output import terminal_safe

    for e in errors:
        print(terminal_safe(e), file=sys.stderr)  # a file name may hold control characters
    if args.diff:  # like ruff: the diff is the output; 1 when something would change
        return EXIT_ERROR if errors else (EXIT_FINDINGS if getattr(args, "fix_changes", 0) else EXIT_OK)
    _apply_baseline(args, results, lang)

    fmt = args.output_format or _default_format(args)
    color = {"always": True, "never": False}.get(args.color)
    if color is None and os.environ.get("NO_COLOR"):
        color = False
    _emit(fmt, results, args, lang, color)
    if args.annotate:
        _annotate(results, lang, errors)

    if errors:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    failing = any(f.severity.rank >= fail_on.rank for r in results for f in r.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def _default_format(args) -> str:
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    if args.output_file is None and sys.stdout.isatty():
        return "rich"
    return "concise"


def _emit(fmt: str, results, args, lang: str, color) -> None:
    """Render to stdout or ``--output-file``; ``--statistics`` replaces the findings by counts."""
    from reportlint.output import render
    from reportlint.output.statistics import render_statistics

    stream = sys.stdout
    if args.output_file:
        try:
            stream = open(args.output_file, "w", encoding="utf-8", newline="\n")
        except OSError as exc:
            raise UsageError(_t(lang, f"无法写入 {args.output_file}（{exc.strerror or exc}）", f"cannot write {args.output_file} ({exc.strerror or exc})")) from None
        color = False if color is None else color
    try:
        if args.statistics:
            render_statistics(fmt, results, stream)
        else:
            render(fmt, results, stream, lang=lang, color=color, width=100 if args.output_file and fmt == "rich" else None)
    finally:
        if stream is sys.stdout:
            stream.flush()
        else:
            stream.close()


def _annotate(results, lang: str, errors: list[str]) -> None:
    """Write 报告.reportlint.docx for every checked file with findings (messages on stderr)."""
    from reportlint.annotate import AnnotateError, annotate_result

    for res in results:
        if res.error is not None or res.path == "-":
            continue
        if not res.findings:
            print(_t(lang, f"{res.path}：未发现问题，不生成批注文件", f"{res.path}: no findings, no annotated copy written"), file=sys.stderr)
            continue
        try:
            out, n = annotate_result(res, lang)
        except AnnotateError as exc:
            errors.append(exc.message(lang))
            print(f"{res.path}: {exc.message(lang)}", file=sys.stderr)
            continue
        print(_t(lang, f"已写入 {out}（{n} 条批注）", f"wrote {out} ({n} comments)"), file=sys.stderr)


def _cross_check(args, tasks, results, lang: str, errors: list[str]) -> None:
    """Y490/Y491: compare each report with the previous period's (``--previous`` or found beside it)."""
    from reportlint.document import ReadError
    from reportlint.previous import cross_check

    try:
        cross_check(results, dict(tasks), previous=args.previous, encoding=args.encoding)
    except ReadError as exc:
        errors.append(exc.message(lang))


def _apply_baseline(args, results, lang: str) -> None:
    if not (args.baseline or args.write_baseline):
        return
    from reportlint.baseline import BaselineError, apply_baseline, write_baseline

    try:
        if args.write_baseline:
            n = write_baseline(args.write_baseline, results, lang)
            print(_t(lang, f"已将 {n} 个问题写入基线 {args.write_baseline}", f"wrote {n} findings to the baseline {args.write_baseline}"), file=sys.stderr)
        baseline = args.baseline or args.write_baseline
        if baseline:
            apply_baseline(baseline, results)
    except BaselineError as exc:
        raise UsageError(exc.message(lang)) from None


def _all_rules():
    from reportlint.previous import CHECKS
    from reportlint.rules import all_rules

    return (*all_rules(), *CHECKS)  # the cross-report checks (Y490, Y491) are selected like rules


# ------------------------------------------------------------------------------ rule, rules


def cmd_rule(args) -> int:
    from reportlint.docs import rule_text
    from reportlint.rules import get_rule

    rule = get_rule(args.code)
    if rule is None:
        from reportlint.previous import CHECKS

        rule = next((c for c in CHECKS if c.code == args.code.upper()), None)
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
        doc = read_path(args.path, encoding=args.encoding, max_size=args.max_input_size, max_docx_size=args.max_docx_size)
    except ReadError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return EXIT_ERROR
    outline, facts, _ruleset, kind = analyse(doc, Settings())
    from rich.console import Console

    Console(highlight=False, soft_wrap=True).print(outline_tree(doc, outline, kind, args.lang))
    return EXIT_OK


# ------------------------------------------------------------------------------------------ main


def _tolerant_streams() -> None:
    """On a console that is not UTF-8 (a GBK console, PYTHONIOENCODING=ascii), a character it cannot
    show — an emoji or a rare character quoted from the document — becomes ``?`` instead of an
    UnicodeEncodeError that would lose the whole output."""
    for stream in (sys.stdout, sys.stderr):
        enc = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if enc and not enc.startswith("utf") and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (AttributeError, ValueError, OSError):
                pass


def main(argv: list[str] | None = None) -> int:
    _tolerant_streams()
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "annotate":  # ``annotate PATH...`` is ``check --annotate PATH...``
        argv = ["check", "--annotate", *argv[1:]]
    args = parser.parse_args(argv)
    lang = getattr(args, "lang", None) or "zh"
    from reportlint import cache

    cache.disable(getattr(args, "no_cache", False))
    try:
        return _run(parser, args, lang)
    finally:
        cache.disable(False)  # --no-cache holds for this command only (main may run again in process)


def _run(parser: argparse.ArgumentParser, args, lang: str) -> int:
    if not getattr(args, "no_cache", False):
        from reportlint import recache

        recache.install()  # compiled regexes from earlier runs (a command-line process only)
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
