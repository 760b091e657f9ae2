"""Which section is the asker's own, and which questions are about a section's IT (FAQ desk,
ninth round). Made-up examples, not the eval files."""

from __future__ import annotations

import pytest

from bot.core.model import OtherDesk
from bot.retrieval.normalize import normalize_text
from bot.retrieval.service import SECTION_IT, own_section

PARKS = OtherDesk("公園緑地課", "公園・街路樹", ("公園",), "the Parks Division")


@pytest.mark.parametrize("department", ["公園緑地課", "都市整備部公園緑地課", "公園緑地課 管理係", "公園緑地",
                                        "the Parks Division", "parks division"])
def test_the_askers_own_section(department):
    assert own_section(PARKS, department)


@pytest.mark.parametrize("department", ["", "課", "都市整備部", "第二公園緑地課", "人事課", "division"])
def test_not_the_askers_section(department):
    assert not own_section(PARKS, department)


@pytest.mark.parametrize("question", ["公園緑地課のシステムが落ちた", "こうえんのしすてむ", "公園台帳のデータどこ",
                                      "公園緑地課のＰＣ", "公園の予約アプリ", "たんまつがうごかない"])
def test_a_sections_it(question):
    assert SECTION_IT.search(normalize_text(question))


@pytest.mark.parametrize("question", ["公園の遊具が壊れている", "街路樹の剪定はいつ", "でたらめな話", "出たいです"])
def test_a_sections_own_work(question):
    assert not SECTION_IT.search(normalize_text(question))
