"""Who an entry is for: the desk's own staff, or the citizens they serve.

A staff FAQ also has entries on the citizens' side of the work (「市民からマイページのパスワードを
忘れたと連絡があった」, 「申請者に自動返信したい」). Staff write to the desk about their own
matters: 「パスワード忘れちゃったんですけど」 is the staff member's own password, and the entry on a
citizen's My Page password should not come first because its wording happens to be closer.

The audience is derived, not stored: an entry is **for citizens** when its question side
(question, alternates, tags) or its category names the citizens as a word of its own –
市民, 住民, 区民, 町民, 村民, 申請者, マイページ (SudachiPy's mode-C words, so 住民票, 市民税,
住民基本台帳 are things, not the citizens) – which also covers an entry tagged 「住民向け」 or
「市民向け」. A tag or category 「職員向け」/「庁内向け」 marks an entry as the staff's even when it
names the citizens. Every other entry is the staff's.

A query that names the citizens itself (the same words, in kanji or kana: 「しみん」「じゅうみん」
「まいぺーじ」, also inside a compound: 市民税) keeps the plain ranking. Any other query ranks a
citizens' entry as if it scored ``CITIZEN_PENALTY`` less: it still comes first when it fits
clearly better, and a staff entry of about the same score goes ahead of it. Only the order
changes; each hit keeps its score (what decide() and the other sections' desks compare). An FAQ with no citizens' entry (a city's
FAQ for residents, whose questions do not speak of "the citizens": it is all theirs) is ranked
exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["CITIZEN_PENALTY", "CITIZEN_WORDS", "KANA_CITIZEN_MARGIN", "for_citizens", "names_citizens"]

# How much lower a citizens' entry ranks for a question that does not name the citizens: a
# tie-break between entries of about the same fit (0.82 vs 0.80), not a filter.
CITIZEN_PENALTY = 0.05
# For a question typed in kana, a staff entry with as much of the question's reading as a
# citizens' entry goes first when it ranks at most this much lower still (0.05 + 0.05 on the
# scores): reading shares differ by how often and in how long a text the kana occur, not only
# by what they find (index._staff_before_citizens).
KANA_CITIZEN_MARGIN = 0.05

# SudachiPy normalised forms that name the citizens (or their own system, 市民マイページ).
CITIZEN_WORDS = frozenset({"市民", "住民", "区民", "町民", "村民", "申請者", "マイページ"})
# The same typed in kana (a query SudachiPy cuts into nonsense): しみん, じゅうみん, まいぺーじ.
_CITIZEN_KANA = re.compile(r"しみん|じゅうみん|くみん|ちょうみん|そんみん|しんせいしゃ|まいぺ[ー-]?じ")
_STAFF_MARK = re.compile(r"(?:職員|庁内|庁舎内)向け")


def for_citizens(words: Iterable[str], marks: str) -> bool:
    """An entry whose question-side and category *words* (normalised forms) name the citizens
    and whose tags and category (*marks*, as text) do not mark it 「職員向け」."""
    if _STAFF_MARK.search(marks):
        return False
    return not CITIZEN_WORDS.isdisjoint(words)


def names_citizens(words: Iterable[str], text: str) -> bool:
    """A query whose *words* (normalised forms and compound parts) or normalised *text* name
    the citizens."""
    return not CITIZEN_WORDS.isdisjoint(words) or bool(_CITIZEN_KANA.search(text))
