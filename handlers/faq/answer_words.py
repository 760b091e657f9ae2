"""An answer to a forwarded question asked for in plain words (eleventh round).

「Q-8に回答したい」「Q8に答えます」「q-8 回答」 start the answer to Q-8 as `/dx FAQ 回答 Q-8` does;
「Q-9は『…』と返しておいて」「Q-9には…と伝えて」「Q9の回答: …」 answer Q-9 with that text as
`/dx FAQ 回答 Q-9 …` does; a bare 「回答する」「答える」 asks which question when several wait.
Pure functions over the message text (matched as typed: the answer keeps its own characters)."""

from __future__ import annotations

import re
import unicodedata

# 「Q-8」「q8」「Ｑ－８」「Q 8」 (full-width letters, digits and dashes as typed on a Japanese keyboard).
_Q = r"[qｑQＱ]\s*[-‐ー－―]?\s*(?P<id>[0-9０-９]{1,7})\s*(?:番)?\s*(?:の質問)?"
# What starts an answer: 回答する／答えます／返信したい … (with or without を and a polite ending).
_START_VERB = (r"(?:(?:回答|返答|返信|返事|かいとう|へんじ|へんしん|へんとう|お返事|おへんじ)\s*(?:を)?\s*(?:する|します|したい|したいです|しよう|しましょう|させて|"
               r"させてください|書く|書きます|書きたい|入力する|入力します|お願いします)?"
               r"|(?:答え|こたえ)(?:る|ます|たい|たいです|よう|ましょう))")
_START = re.compile(rf"^\s*{_Q}\s*(?:に|へ|には|の)?\s*{_START_VERB}\s*[。.!！]*\s*$", re.IGNORECASE)
# 「…と返しておいて」「…と伝えて」「…と回答してください」: the text, then how to send it.
_SEND_VERB = (r"(?:(?:返し|返信し|返事し|回答し|連絡し)(?:て|といて|ておいて|てあげて)|(?:答え|こたえ|伝え)(?:て|といて|ておいて|てあげて)"
              r"|(?:送|言)(?:って|っといて|っておいて|ってあげて)|お伝えください|お返事ください|ご回答ください)"
              r"(?:ください|くれる|くれますか|もらえる|もらえますか|ほしい|欲しい|おいてください)?")
_SAY = re.compile(rf"^\s*{_Q}\s*(?:には|へは|は|に|へ|の人に|の人には|の質問者に|の質問者には)\s*[、,]?\s*(?P<text>.+?)\s*"
                  rf"(?:って|と)\s*{_SEND_VERB}\s*[。.!！]*\s*$", re.IGNORECASE | re.DOTALL)
# 「Q9の回答: …」「Q-9 回答：…」「Q-9の答えは…」: the answer after a colon (or は).
_COLON = re.compile(rf"^\s*{_Q}\s*(?:の|に|へ)?\s*(?:回答|答え|返答|返事)\s*(?:[:：]|は\s*[:：]?|を\s*[:：])\s*(?P<text>.+?)\s*$",
                    re.IGNORECASE | re.DOTALL)
# 「回答する」「答える」「回答したい」 with no number: which question is asked when several wait.
_BARE_START = re.compile(rf"^\s*(?:質問に)?\s*{_START_VERB}\s*[。.!！]*\s*$")
# 「Q-9は対応済みにしといて」「Q9は回答いらない」「Q-9 返事不要」「Q-9はもう対応しなくていい」: closed with no answer
# (`/dx FAQ 対応済み Q-9`, twelfth round).
_CLOSE = re.compile(rf"^\s*{_Q}\s*(?:は|も|の件は|の質問は)?\s*[、,]?\s*(?:もう)?\s*(?:"
                    r"(?:対応済み?|対応ずみ|たいおうずみ|完了|解決済み?|クローズ)\s*(?:に|で)?\s*"
                    r"(?:して|しといて|しておいて|しちゃって|する|します|お願い|おねがい|で(?:いい|いいです|ok|よろしく)?)?"
                    r"|(?:回答|返答|返信|返事|かいとう|へんじ|へんしん|対応)\s*(?:は)?\s*"
                    r"(?:いらない|いりません|いらないです|不要|ふよう|不要です|なしで|しなくていい|しなくて大丈夫|しなくてよい|しません|しない))"
                    r"\s*(?:です|ください|下さい|ね|よ)?\s*[。.!！]*\s*$", re.IGNORECASE)
_QUOTES = (("『", "』"), ("「", "」"), ("\"", "\""), ("“", "”"), ("'", "'"))
MIN_ANSWER_CHARS = 2


def _number(text: str) -> int:
    return int(unicodedata.normalize("NFKC", text))


def _unquote(text: str) -> str:
    text = text.strip().rstrip("、,").strip()
    for left, right in _QUOTES:
        if len(text) > 2 and text.startswith(left) and text.endswith(right):
            return text[1:-1].strip()
    return text


def start_request(text: str) -> int | None:
    """「Q-8に回答したい」「Q8に答えます」「q-8 回答」: the Q number whose answer is to be typed."""
    m = _START.match(text)
    return _number(m.group("id")) if m else None


def answer_request(text: str) -> tuple[int, str] | None:
    """「Q-9は『…』と返しておいて」「Q-9には…と伝えて」「Q9の回答: …」: (Q number, answer text).

    A question mark at the end is a question about Q-9 (「Q-9の回答は？」), never an answer."""
    for pattern in (_SAY, _COLON):
        m = pattern.match(text)
        if m is None:
            continue
        answer = _unquote(m.group("text"))
        if len(answer) < MIN_ANSWER_CHARS or (pattern is _COLON and re.search(r"[?？]\s*$", answer)
                                              and not re.search(r"[:：]", text)):
            return None
        return _number(m.group("id")), answer
    return None


def is_bare_start(text: str) -> bool:
    """「回答する」「答える」「回答したい」: an answer started with no question named."""
    return bool(_BARE_START.match(unicodedata.normalize("NFKC", text)))


def close_request(text: str) -> int | None:
    """「Q-9は対応済みにしといて」「Q9は回答いらない」: the Q number to close with no answer."""
    m = _CLOSE.match(unicodedata.normalize("NFKC", text))
    return _number(m.group("id")) if m else None


def is_start_or_answer(folded: str) -> bool:
    """Route predicate: an answer started or given for a numbered question, or one closed without an
    answer (the handler checks the role: staff are not answered so)."""
    return start_request(folded) is not None or answer_request(folded) is not None or close_request(folded) is not None
