"""「1問目やっぱ聞いたことある程度」「Q1やっぱり知らないにして」「さっきの間違えた」 inside the poll: an
earlier question named for a correction, and the level said with it (if any).

Only the reading is here (pure functions); poll.py stores the answer and comes back to the question
shown. A reference alone (「1問目」) is not a correction: a correction word must be said with it
(やっぱ、間違えた、訂正、直して、…にして、…じゃなくて). The level words themselves are read by
`answers.parse_level`, so they stay one reader.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# 「Q1」「問1」「第1問」「1問目」「1番」「質問1」「一問目」.
_KANJI_DIGITS = str.maketrans("一二三四五六七八九", "123456789")
_NUMBERED = re.compile(r"(?:q|問|第|設問|質問|問題)\.?\s*(\d{1,2})(?:問目|問|番目|番)?(?:の(?:質問|設問|問題|回答|答え))?"
                       r"|(\d{1,2})\s*(?:問目|番目|番|問)(?:の(?:質問|設問|問題|回答|答え))?")
# 「さっきの」「前の問題」「ひとつ前」「直前の」「今の前の」: the question before the one shown.
_PREVIOUS = re.compile(r"(?:さっき|先ほど|さきほど)(?:の)?(?:質問|設問|問題|問い|問|やつ|奴|回答|答え|こたえ)?"
                       r"|(?:ひとつ前|一つ前|1つ前|直前|前|まえ)の(?:質問|設問|問題|問い|問|やつ|奴|回答|答え|こたえ)"
                       r"|ひとつ前|一つ前|1つ前")
# Said as a mistake (not only 「やっぱ」): enough to ask the question again when no level is read.
_MISTAKE = re.compile(r"間違|まちが|まちご|ミス|みす|訂正|ていせい|直し|直す|直して|なおし|なおす|なおして|変更|へんこう|変え|かえ|修正")
# What makes it a correction and not a question about the question.
_CORRECTS = re.compile(r"やっぱ|やはり|間違|まちが|まちご|ミス|みす|訂正|ていせい|直し|直す|直して|なおし|なおす|なおして"
                       r"|変更|へんこう|変え|かえ|にして|にしといて|にしておいて|じゃなくて|ではなく|じゃなく|修正")
_NOT_REALLY = re.compile(r"^.*?(?:じゃなくて|ではなくて|ではなく|じゃなく)")
_FILLERS = re.compile(r"^(?:ちょっと|ちょ|まって|待って|待った|まった|すみません|すいません|ごめん|ごめんなさい|あ|あっ|えっと"
                      r"|あの|あのー|は|の|を|も|が|って|、|,|やっぱり|やっぱ|やはり|ですが|だけど|けど|ですけど)+")
_ENDINGS = re.compile(r"(?:に(?:して|しといて|しておいて|変えて|かえて|変更|直して|なおして|訂正|修正)(?:したい|して|する|します"
                      r"|ください|下さい|ほしい|欲しい|もらえ(?:ます|る)か?|おねがいします|お願いします)*"
                      r"|でお願いします|で|です|でした|だった|に|程度|ていど|くらい|ぐらい|レベル|れべる)+$")
_MAX_LENGTH = 50


@dataclass(frozen=True)
class Correction:
    """An earlier question named for a correction: its index, and the level words said (maybe "")."""

    index: int
    said: str
    mistake: bool = False  # 「間違えた」「訂正」 said, not only 「やっぱ」


def _plain(text: str) -> str:
    said = unicodedata.normalize("NFKC", text or "").casefold().translate(_KANJI_DIGITS)
    return re.sub(r"[\s。．.!！?？・「」『』()（）〜~]+", "", said)


def read(text: str, current: int, total: int) -> Correction | None:
    """The correction a message asks for, or None. `current` is the index of the question shown;
    「さっきの」「前の問題」 mean the one before it."""
    said = _plain(text)
    if not said or len(said) > _MAX_LENGTH or not _CORRECTS.search(said):
        return None
    numbered = _NUMBERED.search(said)
    if numbered:
        index = int(numbered.group(1) or numbered.group(2)) - 1
        reference = numbered
    else:
        previous = _PREVIOUS.search(said)
        if previous is None or current == 0:
            return None
        index, reference = current - 1, previous
    if not 0 <= index < total:
        return None
    rest = said[reference.end():]
    if _NOT_REALLY.match(rest):  # 「1問目、理解しているじゃなくて聞いたことある」: the level after じゃなくて
        rest = _NOT_REALLY.sub("", rest, count=1)
    rest = _FILLERS.sub("", rest)
    rest = _ENDINGS.sub("", rest)
    rest = re.sub(r"^(?:間違え|まちがえ|間違|まちが)(?:た|ました|ちゃった|てた|ていた)(?:かも)?", "", rest)
    rest = _FILLERS.sub("", rest)
    return Correction(index, rest.strip("、,"), bool(_MISTAKE.search(said)))
