"""The `dxdesk` command: chat, serve, database, FAQ and people tools.

Errors a user can fix are printed as one line (no stack trace) with exit status 2.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import logging
import sys
from pathlib import Path
from typing import Any

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
                           files_dir=files_dir(settings))
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

    lang = _settings().language
    local = Path("teams") / "manifest.json"
    template = Path(args.template) if args.template else (local if local.exists() else None)
    try:
        out = build_package(args.app_id, Path(args.out), name=args.name, tenant_id=args.tenant_id,
                            template=template)
    except (ValueError, FileNotFoundError) as exc:
        # The reason is the package builder's own (English) words.
        _fail(t("cli.teams.failed", lang, reason=exc))
    print(t("cli.teams.written", lang, path=out))


def build_parser() -> argparse.ArgumentParser:
    """The command-line grammar."""
    p = argparse.ArgumentParser(prog="dxdesk", description="DX Desk — the DX office's chat bot")
    sub = p.add_subparsers(dest="command", required=True)

    chat = sub.add_parser("chat", help="talk to DX Desk in this terminal (or pipe lines on stdin)")
    chat.add_argument("--user", default="local", help="talk as this local user id (default: local)")
    chat.add_argument("--name", default="", help="display name of that user")
    chat.set_defaults(func=_chat)

    demo = sub.add_parser("demo", help="load the sample FAQ and roadmap (for trying DX Desk, not for a real install)")
    demo.add_argument("--force", action="store_true", help="load even when the FAQ already has entries")
    demo.set_defaults(func=_demo)

    serve = sub.add_parser("serve", help="serve the web desk (/), Slack (/slack/events) and Teams (/api/messages)")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument("--socket-mode", action="store_true", help="connect to Slack by Socket Mode")
    serve.set_defaults(func=_serve)

    dbp = sub.add_parser("db", help="database tools")
    dbsub = dbp.add_subparsers(dest="db_command", required=True)
    up = dbsub.add_parser("upgrade", help="apply migrations")
    up.set_defaults(func=_db_upgrade)

    faq = sub.add_parser("faq", help="FAQ knowledge base tools")
    fsub = faq.add_subparsers(dest="faq_command", required=True)
    imp = fsub.add_parser("import", help="import FAQ entries from CSV, XLSX or YAML (idempotent by id)")
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true", help="check the file, change nothing")
    imp.add_argument("--synonyms", action="store_true", help="the file is a synonym dictionary (YAML)")
    imp.set_defaults(func=_faq_import)
    exp = fsub.add_parser("export", help="export the FAQ as CSV, XLSX or YAML (by file suffix)")
    exp.add_argument("file")
    exp.add_argument("--japanese-headers", action="store_true", help="write Japanese column names")
    exp.set_defaults(func=_faq_export)
    srch = fsub.add_parser("search", help="print the ranking for a query")
    srch.add_argument("query", nargs="?", default="")
    srch.add_argument("--limit", type=int, default=5)
    srch.add_argument("--json", action="store_true")
    srch.add_argument("--stdin", action="store_true", help="one query per line in, one JSON line out")
    srch.set_defaults(func=_faq_search)
    test = fsub.add_parser("test", help="batch test: CSV of question,expected_id -> P@1, MRR, misses")
    test.add_argument("file")
    test.set_defaults(func=_faq_test)

    tp = sub.add_parser("teams-package", help="write the Teams app package (manifest + icons) to upload")
    tp.add_argument("--app-id", required=True, help="the Azure Bot's Microsoft App ID (a GUID)")
    tp.add_argument("--out", default="dxdesk-teams.zip")
    tp.add_argument("--name", default="DX Desk")
    tp.add_argument("--tenant-id", default="")
    tp.add_argument("--template", default="", help="manifest template (default: teams/manifest.json)")
    tp.set_defaults(func=_teams_package)

    users = sub.add_parser("users", help="people registry")
    usub = users.add_subparsers(dest="users_command", required=True)
    uimp = usub.add_parser("import", help="import people from CSV or XLSX")
    uimp.add_argument("file")
    uimp.add_argument("--dry-run", action="store_true")
    uimp.set_defaults(func=_users_import)
    return p


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `dxdesk` console script."""
    from bot.app.settings import apply_process_defaults, configured_language

    apply_process_defaults()
    parser = build_parser()
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
