"""The `dxdesk` command line speaks DX Desk's language (issue 15 point 6, issue 17 point 4):
Japanese by default, English with DXDESK_LANGUAGE=en; `--json` is the same in both.

Each command runs through `main()` as the console script does, on a data folder in tmp_path,
and the lines a person reads are checked as printed."""

from __future__ import annotations

import asyncio
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.app.cli import main
from bot.app.settings import load_settings
from bot.core.model import Person

ROSTER = "氏名,所属,役割,Slack ID\n室長,DX推進室,管理者,U01\n田中 一郎,企画課,兼務職員,U02\n"
FAQ = ("id,question,answer\n"
       "FAQ-900,公用車の予約方法は？,庁内ポータルから予約します。\n"
       "FAQ-901,名刺の発注方法,総務課へ申請してください。\n")


@dataclass
class Run:
    """What one command printed and how it ended."""

    code: int
    out: str
    err: str


@pytest.fixture
def dxdesk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """`dxdesk ARGS` in tmp_path with only the given settings (the developer's are left out)."""
    for name in list(os.environ):
        if name.startswith(("DXDESK_", "DATABASE_URL", "SLACK_", "MICROSOFT_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no .env of the developer's

    def run(*args: str, **env: str) -> Run:
        with monkeypatch.context() as patch:
            patch.setenv("DXDESK_DATA_DIR", str(tmp_path / "data"))
            for name, value in env.items():
                patch.setenv(name, value)
            capsys.readouterr()
            try:
                main(list(args))
                code = 0
            except SystemExit as exc:
                code = int(exc.code or 0)
            captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def en(**env: str) -> dict[str, str]:
    return {"DXDESK_LANGUAGE": "en", **env}


# --- users import -------------------------------------------------------------------------------
def test_users_import_reports_in_japanese_and_says_where_people_can_be_reached(dxdesk, tmp_path):
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    dry = dxdesk("users", "import", "roster.csv", "--dry-run")
    assert (dry.code, dry.out) == (0, "確認のみ: 2名を取り込めます（新規 2名、更新 0名）。何も変更していません\n")
    done = dxdesk("users", "import", "roster.csv")
    # Slack ids only: the local chat (`dxdesk chat`) reaches nobody, and the line says so.
    assert done.out.splitlines() == [
        "2名を取り込みました（新規 2名、更新 0名）",
        "名簿2名の届け先: Slack 2名・Teams 0名・メール 0名・ローカルID 0名",
    ], done.err
    again = dxdesk("users", "import", "roster.csv", **en())
    assert again.out.splitlines() == [
        "2 people imported: 0 new, 2 updated",
        "reachable among the 2 registered: Slack 2, Teams 0, e-mail 0, local id 0",
    ]


def test_users_import_counts_people_nothing_reaches(dxdesk, tmp_path):
    async def register_someone_without_any_id() -> None:
        from bot.app.composition import build_app

        app = await build_app(load_settings(_env_file=None, data_dir=tmp_path / "data"))
        try:
            await app.services.people.save_many([Person(id=0, display_name="異動済み")])
        finally:
            await app.close()

    asyncio.run(register_someone_without_any_id())
    (tmp_path / "roster.csv").write_text("氏名,ローカルID,メール\n室長,local,\n田中,,tanaka@city.example.jp\n",
                                         encoding="utf-8")
    ja = dxdesk("users", "import", "roster.csv")
    assert ja.out.splitlines()[1] == ("名簿3名の届け先: Slack 0名・Teams 0名・メール 1名・ローカルID 1名"
                                      "／1名は届け先（Slack・Teams・メール・ローカルID）がないため、通知を受け取れません")
    english = dxdesk("users", "import", "roster.csv", **en())
    assert english.out.splitlines()[1] == (
        "reachable among the 3 registered: Slack 0, Teams 0, e-mail 1, local id 1; 1 can be reached nowhere "
        "(no Slack, Teams, e-mail or local id) and get no notifications")


def test_users_import_errors_are_framed_in_the_language_too(dxdesk, tmp_path):
    (tmp_path / "bad.csv").write_text(ROSTER + ",企画課,,\n", encoding="utf-8")
    ja = dxdesk("users", "import", "bad.csv")
    assert ja.code == 2 and ja.out == ""
    assert ja.err.splitlines() == [
        "bad.csv: 4行目: 氏名が空です／slack_id・teams_id・メール・local_id のどれかが必要です",
        "dxdesk: 何も取り込んでいません: bad.csv に1件の問題があります",
    ]
    english = dxdesk("users", "import", "bad.csv", **en())
    assert english.err.splitlines() == [
        "bad.csv: line 4: name is empty; give at least one of slack_id, teams_id, email, local_id",
        "dxdesk: nothing imported: 1 problem(s) in bad.csv",
    ]
    missing = dxdesk("users", "import", "nope.csv")
    assert missing.code == 2
    assert missing.err.splitlines()[0] == "nope.csv: ファイル: ファイルが見つかりません: nope.csv"
    # Nothing was written by any of them.
    assert "名簿0名" not in ja.out and dxdesk("users", "import", "bad.csv").code == 2


# --- faq import, export, search -----------------------------------------------------------------
def test_faq_import_dry_run_and_import_in_japanese_and_english(dxdesk, tmp_path):
    (tmp_path / "faq.csv").write_text(FAQ, encoding="utf-8")
    dry = dxdesk("faq", "import", "faq.csv", "--dry-run")
    assert dry.out == "確認のみ: 取り込めるFAQ 2件（新規 2件、既存 0件）。何も書き込んでいません\n"
    dry_en = dxdesk("faq", "import", "faq.csv", "--dry-run", **en())
    assert dry_en.out == "dry run: 2 valid entries (2 new, 0 existing); nothing written\n"
    first = dxdesk("faq", "import", "faq.csv")
    assert first.out == "FAQ 2件を取り込みました: 追加 2件、更新 0件、変更なし 0件\n", first.err
    again = dxdesk("faq", "import", "faq.csv", **en())
    assert again.out == "imported 2 entries: 0 added, 0 updated, 2 unchanged\n"
    (tmp_path / "synonyms.yaml").write_text("groups:\n  - [公用車, 庁用車]\n", encoding="utf-8")
    assert dxdesk("faq", "import", "--synonyms", "synonyms.yaml").out == "同義語 1組を取り込みました\n"
    assert dxdesk("faq", "import", "--synonyms", "synonyms.yaml", **en()).out == "1 synonym groups imported\n"


def test_faq_import_errors_list_lines_in_the_language(dxdesk, tmp_path):
    (tmp_path / "bad.csv").write_text(FAQ + "FAQ-902,,\n", encoding="utf-8")
    ja = dxdesk("faq", "import", "bad.csv")
    assert ja.code == 2
    assert ja.err.splitlines() == ["bad.csv: 4行目: 質問が空です／回答が空です",
                                   "dxdesk: 何も取り込んでいません: bad.csv に1件の問題があります"]
    english = dxdesk("faq", "import", "bad.csv", **en())
    assert english.err.splitlines() == ["bad.csv: line 4: question is empty; answer is empty",
                                        "dxdesk: nothing imported: 1 problem(s) in bad.csv"]
    unreadable = dxdesk("faq", "import", "--synonyms", "none.yaml")
    assert unreadable.err == "dxdesk: ファイルが見つかりません: none.yaml\n"


def test_faq_export_says_what_it_wrote_or_why_not(dxdesk, tmp_path):
    (tmp_path / "faq.csv").write_text(FAQ, encoding="utf-8")
    dxdesk("faq", "import", "faq.csv")
    ja = dxdesk("faq", "export", "out.xlsx")
    assert ja.out == "FAQ 2件を書き出しました: out.xlsx\n" and (tmp_path / "out.xlsx").exists()
    assert dxdesk("faq", "export", "out.yaml", **en()).out == "exported 2 entries to out.yaml\n"
    wrong = dxdesk("faq", "export", "out.pdf")
    assert (wrong.code, wrong.err) == (2, "dxdesk: 対応していない形式です（.pdf）。.csv・.xlsx・.yaml を使ってください\n")
    assert dxdesk("faq", "export", "out.pdf", **en()).err == "dxdesk: unsupported file type .pdf: use .csv, .xlsx or .yaml\n"
    nowhere = dxdesk("faq", "export", "missing/out.csv")
    assert (nowhere.code, nowhere.err) == (2, "dxdesk: 書き出し先のフォルダがありません: missing\n")


def test_faq_search_prints_the_decision_in_the_language_and_json_stays_as_it_was(dxdesk, tmp_path):
    (tmp_path / "faq.csv").write_text(FAQ, encoding="utf-8")
    dxdesk("faq", "import", "faq.csv")
    ja = dxdesk("faq", "search", "公用車の予約方法は？", "--limit", "2")
    lines = ja.out.splitlines()
    assert lines[0] == "判定: 回答する（answer）", ja.out
    assert lines[1].startswith(" 1. FAQ-900") and lines[1].endswith("公用車の予約方法は？")
    english = dxdesk("faq", "search", "公用車の予約方法は？", "--limit", "2", **en())
    assert english.out.splitlines()[0] == "decision: answer"
    machine = json.loads(dxdesk("faq", "search", "公用車の予約方法は？", "--json").out)
    assert machine["decision"] == "answer" and machine["results"][0]["id"] == "FAQ-900"
    assert dxdesk("faq", "search").err == "dxdesk: 検索する質問を指定してください（または --stdin）\n"


# --- db, settings, teams-package ----------------------------------------------------------------
def test_db_upgrade_and_bad_settings_in_both_languages(dxdesk, tmp_path):
    where = f"sqlite+aiosqlite:///{tmp_path / 'data' / 'dxdesk.db'}"
    assert dxdesk("db", "upgrade").out == f"データベースは最新の状態です: {where}\n"
    assert dxdesk("db", "upgrade", **en()).out == f"database is up to date: {where}\n"
    # The settings cannot be read, yet the line is in the language they ask for.
    ja = dxdesk("db", "upgrade", DXDESK_TIMEZONE="Mars/Olympus")
    assert ja.code == 2 and ja.err.startswith("dxdesk: 設定に誤りがあります: DXDESK_TIMEZONE")
    english = dxdesk("db", "upgrade", **en(DXDESK_TIMEZONE="Mars/Olympus"))
    assert english.err.startswith("dxdesk: configuration error: DXDESK_TIMEZONE")


def test_teams_package_reports_in_the_language(dxdesk, tmp_path):
    done = dxdesk("teams-package", "--app-id", "5a7c1e2d-3b4f-4a6e-9c8d-0f1e2d3c4b5a", "--out", "teams.zip")
    assert done.out == "Teamsアプリのパッケージを書き出しました: teams.zip\n", done.err
    refused = dxdesk("teams-package", "--app-id", "my-bot", **en())
    assert refused.code == 2 and refused.err.startswith("dxdesk: cannot build the Teams app package: ")


# --- --help -------------------------------------------------------------------------------------
def test_help_and_usage_are_in_japanese_by_default_and_in_english_when_configured(dxdesk):
    """Issue 15, second walk-through: `dxdesk --help` was English with DXDESK_LANGUAGE=ja (the default)."""
    top = dxdesk("--help")
    assert top.code == 0
    assert top.out.startswith("使い方: dxdesk [-h]")
    assert "庁内のDX相談・会議・進捗報告・スキル診断のチャットボット" in top.out
    assert "オプション:" in top.out and "このヘルプを表示して終了します" in top.out and "コマンド:" in top.out
    assert "この端末で DX Desk と話します" in top.out and "名簿（職員・兼務職員・管理者）の操作" in top.out
    assert "usage:" not in top.out and "show this help" not in top.out and "options:" not in top.out

    imp = dxdesk("faq", "import", "--help")
    assert imp.out.startswith("使い方: dxdesk faq import") and "引数:" in imp.out
    assert "取り込むファイル" in imp.out and "確認だけして、何も変更しません" in imp.out

    missing = dxdesk("users", "import")
    assert missing.code == 2 and "dxdesk users import: エラー: 次の引数が必要です: file" in missing.err
    assert missing.err.startswith("使い方: dxdesk users import")

    english = dxdesk("--help", **en())
    assert english.out.startswith("usage: dxdesk [-h]") and "show this help message and exit" in english.out
    assert "talk to DX Desk in this terminal" in english.out and "使い方" not in english.out
    assert "error: the following arguments are required: file" in dxdesk("users", "import", **en()).err


def test_the_roster_import_help_names_its_columns_and_role_words(dxdesk):
    """Third walk-through of 2026-12-05: the newcomer had to guess the roster's columns and roles."""
    out = dxdesk("users", "import", "--help").out
    assert "氏名" in out and "役割（職員・兼務職員・管理者）" in out and "ローカルID" in out and "例:" in out
    english = dxdesk("users", "import", "--help", **en()).out
    assert "role (staff, liaison, admin)" in english and "local_id" in english and "役割（" not in english
