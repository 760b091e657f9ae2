"""The `dxdesk` command: chat, serve, database, FAQ and people tools.

Errors a user can fix are printed as one line (no stack trace) with exit status 2.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import logging
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

import bot.app.messages  # noqa: F401  (registers the command line's texts, keys "cli.")
from bot.core.errors import ConfigurationError
from bot.core.messages import t

log = logging.getLogger("dxdesk")


def _setup_logging(level: str, fmt: str, quiet: bool = False) -> None:
    from bot.app.logs import configure

    configure(level="WARNING" if quiet else level, fmt=fmt)


def _settings() -> Any:
    from bot.app.settings import load_settings

    return load_settings()


def _fail(message: str) -> None:
    sys.stderr.write(f"dxdesk: {message}\n")
    raise SystemExit(2)


def _report_problems(path: Path | str, errors: list[tuple[int, str]], lang: str) -> None:
    """Every problem of a file with its line (200 at most), then the one line that nothing was imported."""
    for line, problem in errors[:200]:
        where = t("import.line", lang, line=line) if line else t("import.file", lang)
        sys.stderr.write(f"{path}: {where}: {problem}\n")
    if len(errors) > 200:
        sys.stderr.write(t("cli.more_problems", lang, count=len(errors) - 200) + "\n")
    _fail(t("cli.import.failed", lang, count=len(errors), path=path))


# --- chat -------------------------------------------------------------------------------
async def _chat(args: argparse.Namespace) -> None:
    from bot.adapters.console import ConsoleChat, ConsoleNotifier
    from bot.app.composition import (
        build_app,
        files_dir,
        hold_console_user,
        is_fresh_install,
        start_scheduler,
    )

    settings = _settings()
    app = await build_app(settings)
    try:
        interactive = sys.stdin.isatty()
        if await is_fresh_install(app):
            await _offer_demo(app, settings.language, interactive)
        await app.search.ensure_current(force=True)
        chat = ConsoleChat(app.dispatcher.dispatch, user_id=args.user, display_name=args.name or args.user,
                           files_dir=files_dir(settings), inbox=app.services.state, lang=settings.language)
        chat.number_window_s = settings.button_number_minutes * 60
        # Before any delivery: another chat on this data folder leaves this user's messages to us.
        await hold_console_user(app, args.user)
        app.add_notifier(ConsoleNotifier(chat, presence=app.presence))
        # Reminders also fire in the local chat, and are printed when due (both stop in app.close).
        await start_scheduler(app)
        app.worker.start()

        async def flush() -> None:
            await app.worker.drain(timeout=10)

        chat.after_each = flush
        greeting = t("greeting", settings.language) if interactive else ""
        if interactive:
            sys.stdout.write(t("cli.chat.where", settings.language, where=settings.db_url) + "\n")
        await chat.run(greeting=greeting)
        await app.worker.drain(timeout=10)
    finally:
        await app.close()  # drops this chat's presence too


async def _offer_demo(app: Any, lang: str, interactive: bool) -> None:
    """First run of `dxdesk chat` on an empty data folder: load the demo (asked when interactive)."""
    from bot.app.composition import decline_demo, load_demo
    from bot.core.vocabulary import NO_WORDS

    if interactive:
        sys.stdout.write(t("demo.offer", lang) + " ")
        sys.stdout.flush()
        if sys.stdin.readline().strip() in NO_WORDS:
            await decline_demo(app)
            sys.stdout.write(t("demo.declined", lang) + "\n")
            return
    loaded = await load_demo(app)
    if loaded is not None:
        sys.stdout.write(t("demo.loaded", lang, faq=loaded[0], roadmap=loaded[1]) + "\n")


async def _demo(args: argparse.Namespace) -> None:
    from bot.app.composition import build_app, load_demo

    settings = _settings()
    app = await build_app(settings)
    try:
        if await app.meta.get("sample_seeded"):
            sys.stdout.write(t("demo.already", settings.language) + "\n")
            return
        entries = await app.faq.list_entries()
        if entries and not args.force:
            # A real FAQ is there: the demo would mix sample entries into it.
            sys.stdout.write(t("demo.real_data", settings.language, faq=len(entries)) + "\n")
            raise SystemExit(1)
        loaded = await load_demo(app)
        if loaded is not None:
            sys.stdout.write(t("demo.loaded", settings.language, faq=loaded[0], roadmap=loaded[1]) + "\n")
    finally:
        await app.close()


# --- serve ------------------------------------------------------------------------------
async def _serve(args: argparse.Namespace) -> None:
    from bot.app.composition import run_server

    settings = _settings()
    settings.check_serve(args.socket_mode)
    host = args.host or settings.host
    port = args.port or settings.port
    # The web desk's links (e-mails) name the address actually served unless DXDESK_WEB_BASE_URL says otherwise.
    settings = settings.model_copy(update={"host": host, "port": port})
    await run_server(settings, host=host, port=port, socket_mode=args.socket_mode)


# --- db ---------------------------------------------------------------------------------
async def _db_upgrade(args: argparse.Namespace) -> None:
    from bot.app.composition import prepare_database

    settings = _settings()
    await prepare_database(settings)
    print(t("cli.db.current", settings.language, where=settings.db_url.split("@")[-1]))


# --- faq --------------------------------------------------------------------------------
def _progress(done: int, total: int) -> None:
    if total < 200 or not sys.stderr.isatty() and total < 2000:
        return
    width = 30
    filled = int(width * done / max(total, 1))
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


async def _faq_import(args: argparse.Namespace) -> None:
    from bot.app.composition import build_app
    from storage.faq.files import read_faq_file, read_synonyms
    from storage.files.tabular import TableError

    path = Path(args.file)
    settings = _settings()
    lang = settings.language
    if args.synonyms:
        try:
            groups = read_synonyms(path)
        except FileNotFoundError:
            _fail(t("import.not_found", lang, path=path))
        except TableError as exc:
            _fail(f"{path}: {exc.text(lang)}")
        except (OSError, ValueError, TypeError) as exc:  # not text, or not a list of groups
            _fail(t("cli.synonyms.unreadable", lang, path=path, error=type(exc).__name__))
        app = await build_app(settings)
        try:
            if not args.dry_run:
                await app.faq.set_synonyms(groups)
            print(t("cli.synonyms.checked" if args.dry_run else "cli.synonyms.imported", lang, count=len(groups)))
        finally:
            await app.close()
        return
    report = await asyncio.to_thread(read_faq_file, path, _progress, lang)
    if not report.ok:
        _report_problems(path, report.errors, lang)
    app = await build_app(settings)
    try:
        existing = {e.id: e for e in await app.faq.list_entries()}
        new = sum(1 for e in report.entries if e.id not in existing)
        total = len(report.entries)
        if args.dry_run:
            print(t("cli.faq.checked", lang, total=total, new=new, existing=total - new))
            return
        added, updated = await app.faq.upsert_entries(report.entries)
        print(t("cli.faq.imported", lang, total=total, added=added, updated=updated,
                unchanged=total - added - updated))
    finally:
        await app.close()


async def _faq_export(args: argparse.Namespace) -> None:
    from bot.app.composition import build_app
    from storage.faq.files import export_faq
    from storage.files.tabular import TableError

    settings = _settings()
    app = await build_app(settings)
    try:
        entries = await app.faq.list_entries()
        path = Path(args.file)
        try:
            export_faq(entries, path, japanese_headers=args.japanese_headers)
        except TableError as exc:
            _fail(exc.text(settings.language))
        except FileNotFoundError:
            _fail(t("cli.no_folder", settings.language, path=path.parent))
        print(t("cli.faq.exported", settings.language, count=len(entries), path=path))
    finally:
        await app.close()


async def _faq_search(args: argparse.Namespace) -> None:
    from bot.app.composition import build_app

    settings = _settings()
    app = await build_app(settings)
    try:
        await app.search.ensure_current(force=True)
        entries = {e.id: e for e in await app.faq.list_entries()}
        if args.stdin:
            for raw in sys.stdin:
                query = raw.rstrip("\n")
                if not query.strip():
                    continue
                hits = await app.search.search(query, limit=args.limit)
                print(json.dumps({"query": query,
                                  "results": [{"id": i, "score": round(s, 6)} for i, s in hits]},
                                 ensure_ascii=False), flush=True)
            return
        if not args.query:
            _fail(t("cli.faq.search.no_query", settings.language))
        hits = await app.search.search(args.query, limit=args.limit)
        if args.json:
            print(json.dumps({"query": args.query, "decision": app.search.decide(hits, args.query),
                              "results": [{"id": i, "score": round(s, 6),
                                           "question": entries[i].question if i in entries else ""}
                                          for i, s in hits]}, ensure_ascii=False))
            return
        decision = app.search.decide(hits, args.query)
        print(t("cli.faq.search.decision", settings.language, decision=decision,
                label=t(f"cli.decision.{decision}", settings.language)))
        for rank, (entry_id, score) in enumerate(hits, 1):
            question = entries[entry_id].question if entry_id in entries else ""
            print(f"{rank:>2}. {entry_id:<10} {score:.3f}  {question}")
    finally:
        await app.close()


def read_eval_file(path: Path) -> list[tuple[str, str]]:
    """`question,expected id` rows (header names in English or Japanese)."""
    from storage.files.tabular import decode

    rows = list(csv.reader(decode(path.read_bytes()).splitlines()))
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    q_col = next((i for i, h in enumerate(header) if h in ("question", "質問", "query")), 0)
    id_col = next((i for i, h in enumerate(header) if h in ("expected_id", "expected id", "id", "正解id", "expected")), 1)
    return [(r[q_col], r[id_col].strip()) for r in rows[1:] if len(r) > max(q_col, id_col) and r[q_col].strip()]


async def _faq_test(args: argparse.Namespace) -> None:
    from bot.app.composition import build_app

    settings = _settings()
    lang = settings.language
    path = Path(args.file)
    if not path.exists():
        _fail(t("import.not_found", lang, path=path))
    cases = read_eval_file(path)
    if not cases:
        _fail(t("cli.faq.test.no_rows", lang, path=path))
    app = await build_app(settings)
    try:
        await app.search.ensure_current(force=True)
        p1 = 0
        rr = 0.0
        misses = []
        for question, expected in cases:
            hits = await app.search.search(question, limit=10)
            ids = [i for i, _ in hits]
            if ids[:1] == [expected]:
                p1 += 1
            if expected in ids:
                rr += 1 / (ids.index(expected) + 1)
            else:
                rr += 0
            if ids[:1] != [expected]:
                misses.append((question, expected, ids[:3]))
        n = len(cases)
        print(t("cli.faq.test.questions", lang, count=n))
        print(f"P@1: {p1 / n:.3f}")
        print(f"MRR: {rr / n:.3f}")
        print(t("cli.faq.test.misses", lang, count=len(misses)))
        for question, expected, got in misses:
            print(t("cli.faq.test.miss", lang, question=question, expected=expected,
                    got=", ".join(got) or t("cli.faq.test.nothing", lang)))
    finally:
        await app.close()


# --- users ------------------------------------------------------------------------------
async def _users_import(args: argparse.Namespace) -> None:
    from bot.app.composition import build_app
    from storage.people.files import import_people

    settings = _settings()
    app = await build_app(settings)
    try:
        lang = settings.language
        report = await import_people(app, Path(args.file), dry_run=args.dry_run, lang=lang)
        if report.errors:
            _report_problems(args.file, report.errors, lang)
        print(t("cli.users.checked" if args.dry_run else "cli.users.imported", lang,
                total=report.total, added=report.added, updated=report.updated))
        if not args.dry_run:
            print(reach_line(await app.services.people.list(), lang))
    finally:
        await app.close()


def reach_line(people: list[Any], lang: str) -> str:
    """How many registered people each platform reaches, and how many none does (one line)."""
    def count(*fields: str) -> int:
        return sum(1 for p in people if any(getattr(p, f, "") for f in fields))

    line = t("cli.users.reach", lang, total=len(people), slack=count("slack_id"),
             teams=count("teams_id", "teams_user_id"), email=count("email"), local=count("local_id"))
    nowhere = len(people) - count("slack_id", "teams_id", "teams_user_id", "email", "local_id")
    return line + (t("cli.users.unreachable", lang, count=nowhere) if nowhere else "")


async def _teams_package(args: argparse.Namespace) -> None:
    from bot.adapters.teams.package import build_package

    settings = _settings()
    lang = settings.language
    local = Path("teams") / "manifest.json"
    template = Path(args.template) if args.template else (local if local.exists() else None)
    try:
        out = build_package(args.app_id, Path(args.out), name=args.name, tenant_id=args.tenant_id,
                            template=template, office=settings.office_name)
    except (ValueError, FileNotFoundError) as exc:
        # The reason is the package builder's own (English) words.
        _fail(t("cli.teams.failed", lang, reason=exc))
    print(t("cli.teams.written", lang, path=out))


def _formatter(lang: str) -> type[argparse.HelpFormatter]:
    """argparse's help layout with its own words (「使い方:」「オプション」) in `lang`."""
    headings = {"options": t("cli.help.options", lang), "optional arguments": t("cli.help.options", lang),
                "positional arguments": t("cli.help.positionals", lang)}

    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                      groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
            super().add_usage(usage, actions, groups, t("cli.help.usage", lang) if prefix is None else prefix)

        def start_section(self, heading: str | None) -> None:
            super().start_section(headings.get(heading or "", heading))

    return Formatter


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help, usage and error line are in the configured language."""

    def __init__(self, *args: Any, lang: str = "ja", **kwargs: Any) -> None:
        self.lang = lang
        super().__init__(*args, formatter_class=_formatter(lang), add_help=False, **kwargs)
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli.help.help", lang))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, t("cli.help.error", self.lang, prog=self.prog, message=_argparse_error(message, self.lang)) + "\n")


# argparse's own error lines that people meet, worded in the catalogue; any other stays as it is.
_ARGPARSE_ERRORS = (
    (re.compile(r"the following arguments are required: (?P<what>.+)"), "cli.help.error.required"),
    (re.compile(r"unrecognized arguments: (?P<what>.+)"), "cli.help.error.unknown"),
    (re.compile(r"argument (?P<arg>\S+): invalid choice: '?(?P<what>[^'(]+?)'? \(choose from (?P<choices>.+)\)"),
     "cli.help.error.choice"),
)


def _argparse_error(message: str, lang: str) -> str:
    for pattern, key in _ARGPARSE_ERRORS:
        if m := pattern.fullmatch(message):
            return t(key, lang, **m.groupdict())
    return message


def build_parser(lang: str = "ja") -> argparse.ArgumentParser:
    """The command-line grammar, its help texts in `lang` (bot/app/messages.py, keys "cli.help.")."""

    def h(key: str) -> str:
        return t(f"cli.help.{key}", lang)

    p = _Parser(prog="dxdesk", description=h("description"), lang=lang)
    sub = p.add_subparsers(dest="command", required=True, title=h("commands"), parser_class=_Parser)

    def command(parent: Any, name: str, key: str) -> argparse.ArgumentParser:
        return parent.add_parser(name, help=h(key), description=h(key), lang=lang)  # type: ignore[no-any-return]

    chat = command(sub, "chat", "chat")
    chat.add_argument("--user", default="local", help=h("chat.user"))
    chat.add_argument("--name", default="", help=h("chat.name"))
    chat.set_defaults(func=_chat)

    demo = command(sub, "demo", "demo")
    demo.add_argument("--force", action="store_true", help=h("demo.force"))
    demo.set_defaults(func=_demo)

    serve = command(sub, "serve", "serve")
    serve.add_argument("--host", default=None, help=h("serve.host"))
    serve.add_argument("--port", type=int, default=None, help=h("serve.port"))
    serve.add_argument("--socket-mode", action="store_true", help=h("serve.socket_mode"))
    serve.set_defaults(func=_serve)

    dbp = command(sub, "db", "db")
    dbsub = dbp.add_subparsers(dest="db_command", required=True, title=h("commands"), parser_class=_Parser)
    up = command(dbsub, "upgrade", "db.upgrade")
    up.set_defaults(func=_db_upgrade)

    faq = command(sub, "faq", "faq")
    fsub = faq.add_subparsers(dest="faq_command", required=True, title=h("commands"), parser_class=_Parser)
    imp = command(fsub, "import", "faq.import")
    imp.add_argument("file", help=h("faq.import.file"))
    imp.add_argument("--dry-run", action="store_true", help=h("dry_run"))
    imp.add_argument("--synonyms", action="store_true", help=h("faq.import.synonyms"))
    imp.set_defaults(func=_faq_import)
    exp = command(fsub, "export", "faq.export")
    exp.add_argument("file", help=h("faq.export.file"))
    exp.add_argument("--japanese-headers", action="store_true", help=h("faq.export.japanese_headers"))
    exp.set_defaults(func=_faq_export)
    srch = command(fsub, "search", "faq.search")
    srch.add_argument("query", nargs="?", default="", help=h("faq.search.query"))
    srch.add_argument("--limit", type=int, default=5, help=h("faq.search.limit"))
    srch.add_argument("--json", action="store_true", help=h("faq.search.json"))
    srch.add_argument("--stdin", action="store_true", help=h("faq.search.stdin"))
    srch.set_defaults(func=_faq_search)
    test = command(fsub, "test", "faq.test")
    test.add_argument("file", help=h("faq.test.file"))
    test.set_defaults(func=_faq_test)

    tp = command(sub, "teams-package", "teams")
    tp.add_argument("--app-id", required=True, help=h("teams.app_id"))
    tp.add_argument("--out", default="dxdesk-teams.zip", help=h("teams.out"))
    tp.add_argument("--name", default="DX Desk", help=h("teams.name"))
    tp.add_argument("--tenant-id", default="", help=h("teams.tenant_id"))
    tp.add_argument("--template", default="", help=h("teams.template"))
    tp.set_defaults(func=_teams_package)

    users = command(sub, "users", "users")
    usub = users.add_subparsers(dest="users_command", required=True, title=h("commands"), parser_class=_Parser)
    uimp = command(usub, "import", "users.import")
    uimp.epilog = h("users.import.columns")
    uimp.add_argument("file", help=h("users.import.file"))
    uimp.add_argument("--dry-run", action="store_true", help=h("dry_run"))
    uimp.set_defaults(func=_users_import)
    return p


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `dxdesk` console script."""
    from bot.app.settings import apply_process_defaults, configured_language

    apply_process_defaults()
    parser = build_parser(configured_language())
    args = parser.parse_args(argv)
    lang = ""
    try:
        settings = _settings()
        lang = settings.language
        quiet = args.command in ("chat", "faq", "users", "db", "demo")
        _setup_logging(settings.log_level, settings.log_format, quiet=quiet)
        asyncio.run(args.func(args))
    except ConfigurationError as exc:
        _fail(t("cli.config_error", lang or configured_language(), detail=exc))
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except OSError as exc:
        _fail(_os_error_text(exc, lang or configured_language()))


def _os_error_text(exc: OSError, lang: str) -> str:
    """A file the command could not read or write, said in `lang` (the reason as the system says it)."""
    path = getattr(exc, "filename", "") or ""
    if isinstance(exc, FileNotFoundError) and path:
        return t("import.not_found", lang, path=path)
    if isinstance(exc, PermissionError) and path:
        return t("cli.permission", lang, path=path)
    reason = exc.strerror or type(exc).__name__
    return t("cli.os_error", lang, reason=reason, path=path) if path else t("cli.os_error.no_path", lang, reason=reason)
