"""What the bot should do with a ranked hit list: answer, offer candidates, or admit no match."""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence

from .types import Hit

__all__ = [
    "ANSWER_COVERAGE",
    "ANSWER_MARGIN",
    "ANSWER_MIN",
    "CANDIDATE_MIN",
    "DUPLICATE_COVERAGE",
    "DUPLICATE_MIN",
    "NO_MATCH_SHARE",
    "OFF_TOPIC_SHARE",
    "Decision",
    "decide",
    "likely_duplicate",
    "outside_domain",
    "tells_of_it_trouble",
]

# Calibrated with bench/faq_quality.py on both evaluation sets (the bundled one and the held-out
# city FAQ) so that a direct answer is wrong in at most 2 % of answered questions on each; see
# docs/retrieval.md for the figures. Scores are absolute (0 = nothing in common, 1 = every query
# concept found in the question and close in meaning), so fixed thresholds mean the same thing
# for every query.
ANSWER_MIN = 0.45  # top hit at least this confident ...
ANSWER_MARGIN = 0.18  # ... this far ahead of the runner-up ...
ANSWER_COVERAGE = 0.6  # ... and this share of the query's words in the entry's question side
CANDIDATE_MIN = 0.25  # below this nothing in the FAQ plausibly fits
# A message whose topic nouns the FAQ hardly knows (``FaqRetriever.domain_share``: 「夕飯」
# 「漫画」, or no topic at all: 「金曜日が待ち遠しい」) is not offered candidates that only share a
# word with it: NONE, and the desk tells it what it is for instead of offering a person.
OFF_TOPIC_SHARE = 0.25
# ... and when no entry relates to it at all (no hit), a message is not a work question unless at
# least half of its topic nouns are the FAQ's: 「犬と猫どっちが好き」 (犬 is near a word of the FAQ,
# 猫 is not) meets nothing. A work question the FAQ lacks still meets some entry on a shared word
# (「プリンターのトナーが切れた」 0.12), and keeps the forwarding offer.
NO_MATCH_SHARE = 0.5
# A draft about to be published duplicates an entry only when it restates the entry's question
# (``exact``) or meets it far above the answer line, in most of its words: 「Excelで重複を削除する
# には？」 meets FAQ-058 at 0.84 with coverage 1.0; 「スマホからパスワードを再設定できますか？」 met
# FAQ-018 (a citizen's My Page password) at 0.57, coverage 0.61 — a neighbour sharing one word.
# A trouble of a computer or a connection told without naming the thing: 「家からだとつながらない」
# 「なんか固まった」「ログインできないんだけど」. Its nouns (家, なんか) are nobody's topic, but it is a
# work trouble all the same: it is offered to a person (who can ask what does not connect), never
# turned away as small talk. Everyday troubles (なくした, 忘れた, 遅い) are not in this list.
_IT_TROUBLE = re.compile(
    r"(?:つなが|繋が)ら(?:ない|なく|ん|ねー|へん)|(?:つなが|繋が)りません"
    r"|(?:接続|ログイン|サインイン|ログオン|印刷|起動)(?:が|も)?(?:でき|出来)(?:ない|なく|ません|ん)"
    r"|(?:起動|反応)(?:し|せ)(?:ない|なく|ません|ん)|立ち上がら(?:ない|なく|ん)|立ち上がりません"
    r"|固まっ|フリーズ|エラー(?:が|に|で|出|になる|表示)"
)
DUPLICATE_MIN = 0.75
DUPLICATE_COVERAGE = 0.75


class Decision(enum.Enum):
    """How to reply to a question."""

    ANSWER = "answer"  # reply with the top entry's answer
    CANDIDATES = "candidates"  # offer the top 2-3 entries to choose from
    NONE = "none"  # say the FAQ has no answer (hand over to a person)


def decide(hits: Sequence[Hit], domain_share: float = 1.0) -> Decision:
    """Choose the reply type from hits sorted best first, as ``FaqRetriever.search`` returns;
    *domain_share*: ``FaqRetriever.domain_share`` of the same query (below ``OFF_TOPIC_SHARE``
    only a restatement or a confident answer is kept, other candidates become NONE; at 0 a
    confident answer becomes candidates)."""
    if not hits:
        return Decision.NONE
    # The query restates the entry's question: never make them choose – unless it adds a trouble
    # the entry does not speak of (「ポータルにログインできない」 is not 「ポータルのログイン方法」).
    if hits[0].exact and not hits[0].trouble_unmet:
        return Decision.ANSWER
    top = hits[0].score
    second = hits[1].score if len(hits) > 1 else 0.0
    # 「テスト」 (a bare word): which of the entries on it is meant? A message that names no topic
    # at all (share 0: time words, 「何」, a code like 「#N/A」) is not answered outright however well
    # its few words meet an entry (「今日は何の日？」 met 「開催日」): it gets the candidates instead.
    # A message that only says when (「今日は何の日？」) asks about nothing an entry could be about:
    # what it meets (「開催日」) is a coincidence of dates.
    if hits[0].when_only:
        return Decision.NONE
    # 肺炎球菌 met by the influenza entry (``Hit.unknown_noun``): a neighbouring thing, offered
    # among candidates, never answered outright.
    # 「受診券なくしました」 met by the entry on how to get the check-up (``Hit.trouble_unmet``):
    # the thing is right but not the trouble, so the entry is offered among candidates.
    confident = (top >= ANSWER_MIN and top - second >= ANSWER_MARGIN and hits[0].coverage >= ANSWER_COVERAGE
                 and not hits[0].bare_word and not hits[0].unknown_noun and not hits[0].trouble_unmet)
    if confident and domain_share > 0.0:
        return Decision.ANSWER
    if top >= CANDIDATE_MIN and (domain_share >= OFF_TOPIC_SHARE or confident):
        return Decision.CANDIDATES
    return Decision.NONE


def tells_of_it_trouble(text: str) -> bool:
    """*text* tells of a computer or connection trouble (``_IT_TROUBLE``), named or not."""
    return bool(_IT_TROUBLE.search(text))


def outside_domain(hits: Sequence[Hit], domain_share: float, text: str = "") -> bool:
    """A message the FAQ's domain does not know, to be told what the desk is for rather than
    offered to a person: its *domain_share* is under ``OFF_TOPIC_SHARE``, or under
    ``NO_MATCH_SHARE`` when nothing in the FAQ relates to it (*hits* empty) – unless *text* tells
    of a computer trouble without naming the thing (「家からだとつながらない」)."""
    if text and tells_of_it_trouble(text):
        return False
    return domain_share < OFF_TOPIC_SHARE or (not hits and domain_share < NO_MATCH_SHARE)


def likely_duplicate(top: Hit) -> bool:
    """The best hit of a draft's question asks the same thing (see ``DUPLICATE_MIN``)."""
    return top.exact or (top.score >= DUPLICATE_MIN and top.coverage >= DUPLICATE_COVERAGE
                         and not top.trouble_unmet and not top.unknown_noun and not top.bare_word)
