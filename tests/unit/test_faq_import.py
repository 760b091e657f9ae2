"""FAQ files: every format Japanese offices produce, all-or-nothing with line numbers."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml
from openpyxl import load_workbook

from bot.core.model import FaqEntry
from storage.faq.files import export_faq, read_faq_file

ROWS = [
    ["id", "question", "answer", "alternates", "category", "tags", "department"],
    ["FAQ-900", "公用車の予約方法は？", "庁内ポータルから予約します。", "公用車 予約|車の予約", "庁舎", "公用車;予約", "総務課"],
    ["FAQ-901", "名刺の発注方法", "総務課へ申請してください。", "", "庁舎", "", "総務課"],
]


def write_csv(path, rows, encoding):
    import csv

    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_csv_in_utf8_with_or_without_bom_and_cp932(tmp_path, encoding):
    path = tmp_path / "faq.csv"
    write_csv(path, ROWS, encoding)
    report = read_faq_file(path)
    assert report.ok, report.errors
    first = report.entries[0]
    assert (first.id, first.question, first.alternates, first.tags) == (
        "FAQ-900", "公用車の予約方法は？", ["公用車 予約", "車の予約"], ["公用車", "予約"])


def test_japanese_header_names(tmp_path):
    path = tmp_path / "faq.csv"
    rows = [["ID", "質問", "回答", "言い換え", "カテゴリ", "タグ", "担当部署"], *ROWS[1:]]
    write_csv(path, rows, "cp932")
    report = read_faq_file(path)
    assert report.ok and report.entries[1].department == "総務課"


def test_xlsx_and_yaml_round_trip(tmp_path):
    entries = [FaqEntry("FAQ-1", "質問1", "回答1", ["別1"], "分類", ["t"], "課"), FaqEntry("FAQ-2", "質問2", "回答2")]
    for name in ("faq.xlsx", "faq.yaml", "faq.csv"):
        path = tmp_path / name
        export_faq(entries, path)
        report = read_faq_file(path)
        assert report.ok, (name, report.errors)
        assert [(e.id, e.question, e.alternates) for e in report.entries] == [
            ("FAQ-1", "質問1", ["別1"]), ("FAQ-2", "質問2", [])]
    ws = load_workbook(tmp_path / "faq.xlsx").active
    assert ws["B1"].value == "question" and ws.column_dimensions["C"].width >= 40
    export_faq(entries, tmp_path / "ja.xlsx", japanese_headers=True)
    assert load_workbook(tmp_path / "ja.xlsx").active["B1"].value == "質問"
    assert (tmp_path / "faq.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for Japanese Excel


def test_bad_rows_are_reported_with_line_numbers(tmp_path):
    path = tmp_path / "faq.csv"
    rows = [ROWS[0], ROWS[1], ["", "質問だけ", "", "", "", "", ""], ["FAQ-900", "重複", "回答", "", "", "", ""]]
    write_csv(path, rows, "utf-8")
    report = read_faq_file(path, lang="en")
    assert not report.ok and report.entries
    assert [line for line, _ in report.errors] == [3, 4]
    # In Japanese (the default) too, every problem by line.
    ja = read_faq_file(path).errors
    assert "IDが空です" in ja[0][1] and "回答が空です" in ja[0][1] and "2行目でも使われています" in ja[1][1]
    assert "id is empty" in report.errors[0][1] and "answer is empty" in report.errors[0][1]
    assert "already used on line 2" in report.errors[1][1]


def test_yaml_errors_name_the_item_line(tmp_path):
    path = tmp_path / "faq.yaml"
    path.write_text(yaml.safe_dump({"entries": [
        {"id": "A", "question": "q", "answer": "a"}, {"id": "B", "question": "", "answer": "a"}]},
        allow_unicode=True), encoding="utf-8")
    report = read_faq_file(path)
    assert len(report.errors) == 1 and report.errors[0][0] > 1
    (tmp_path / "broken.yaml").write_text("entries:\n  - id: [unclosed\n", encoding="utf-8")
    assert "YAML syntax error" in read_faq_file(tmp_path / "broken.yaml", lang="en").errors[0][1]
    assert "YAMLの書式が誤っています" in read_faq_file(tmp_path / "broken.yaml").errors[0][1]


def test_unsupported_and_missing_files(tmp_path):
    (tmp_path / "faq.pdf").write_bytes(b"%PDF")
    assert "unsupported" in read_faq_file(tmp_path / "faq.pdf", lang="en").errors[0][1]
    assert "not found" in read_faq_file(tmp_path / "nope.csv", lang="en").errors[0][1]
    assert "見つかりません" in read_faq_file(tmp_path / "nope.csv").errors[0][1]
    (tmp_path / "cols.csv").write_text("foo,bar\n1,2\n", encoding="utf-8")
    assert "missing column" in read_faq_file(tmp_path / "cols.csv", lang="en").errors[0][1]


def _cli(tmp_path, *args):
    env = {"DXDESK_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    if "PYTHONPATH" in os.environ:  # the code under test, when it is not the installed checkout
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return subprocess.run([sys.executable, "-m", "bot.app", *args], check=False, capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=120)


def test_cli_import_is_idempotent_has_dry_run_and_changes_nothing_on_errors(tmp_path):
    good = tmp_path / "good.csv"
    write_csv(good, ROWS, "cp932")
    dry = _cli(tmp_path, "faq", "import", str(good), "--dry-run")
    assert dry.returncode == 0 and "新規 2件" in dry.stdout and "何も書き込んでいません" in dry.stdout
    first = _cli(tmp_path, "faq", "import", str(good))
    assert "追加 2件" in first.stdout, first.stderr
    again = _cli(tmp_path, "faq", "import", str(good))
    assert "追加 0件、更新 0件、変更なし 2件" in again.stdout
    bad = tmp_path / "bad.csv"
    write_csv(bad, [ROWS[0], ["FAQ-200", "新しい", "回答", "", "", "", ""], ["FAQ-201", "", "", "", "", "", ""]], "utf-8")
    failed = _cli(tmp_path, "faq", "import", str(bad))
    assert failed.returncode == 2
    assert "3行目" in failed.stderr and "何も取り込んでいません" in failed.stderr and "Traceback" not in failed.stderr
    out = tmp_path / "export.yaml"
    _cli(tmp_path, "faq", "export", str(out))
    ids = [e["id"] for e in yaml.safe_load(out.read_text(encoding="utf-8"))["entries"]]
    assert "FAQ-900" in ids and "FAQ-200" not in ids


# --- issue 17, point 4: hostile files are refused within a second and a few MB ----------------
BOMB = "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9) if p else ', '.join(['lol'] * 9)}]\n"
               for p, c in zip(["", "a", "b", "c", "d", "e", "f", "g"], "abcdefgh", strict=True)) + \
    "entries: [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n"


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("bomb.yaml", BOMB, "アンカー・エイリアス"),
    ("deep.yaml", "entries: " + "[" * 20000 + "]" * 20000 + "\n", "入れ子が深すぎます"),
    ("deep_map.yaml", "entries:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 3000)), "入れ子が深すぎます"),
    ("cell.csv", "id,question,answer\nQ1," + "あ" * 200_000 + ",x\n", "セルが長すぎます"),
    ("big.csv", "id,question,answer\n" + "Q,q,a\n" * 1_100_000, "ファイルが大きすぎます"),
])
def test_hostile_files_are_refused_quickly(tmp_path, name, content, expected):
    import resource
    import time

    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    report = read_faq_file(path)
    elapsed = time.perf_counter() - started
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert not report.ok and expected in report.errors[0][1], report.errors
    assert elapsed < 1.0 and grown_mb < 50, (elapsed, grown_mb)
