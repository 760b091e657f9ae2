"""「これってどういう意味？」 inside the poll: which question the person asks about, and its short
explanation.

A question about the question (「意味がわからない」「Q3ってどういうこと？」「KPIって何？」 at the KPI
question; in English "what does that mean?", "what is Q3?", "what does KPI stand for?") is answered in the poll, which stays on the same question; anything else that reads as a
question (「パスワードってどういう意味？」 at the KPI question) still goes to the FAQ desk. The
explanation is the first sentence of the FAQ entry the question already links to (`faq:` in
questions.yaml, the entries the training plan shows) when that sentence defines the skill, so there
is one text to keep up to date; otherwise the question is said again in full.
"""

from __future__ import annotations

import re
import unicodedata

from bot.core.model import FaqEntry
from handlers.assessment.model import Question

# What asks for a meaning: 「どういう意味」「どういうこと」「意味がわからない」「意味は？」「…って何」
# 「…とは？」「なにそれ」「質問がよくわからない」「説明して」.
_ASKS_MEANING = re.compile(
    r"(?:どういう|どうゆう|どーいう|どんな)(?:意味|いみ|こと|事)"
    r"|(?:意味|いみ)(?:が|は|も)?(?:よく|いまいち|ちょっと)?(?:わから|分から|わかん|分かん|不明|なに|何|なん|[?？]|$)"
    r"|(?:質問|設問|問題|問い|用語|言葉|ことば)(?:が|の意味が)?(?:よく|いまいち|ちょっと)?(?:わから|分から|わかん|分かん)"
    r"|(?:って|とは)(?:何|なに|なん)|^(?:これ|それ)(?:は)?(?:何|なに|なん)|とは[?？]*$|って[?？]+$|なにそれ|何それ|なんのこと|何のこと"
    r"|(?:説明|解説)(?:して|を|お願い|ください)")
_FILLER = re.compile(r"^(?:すみません|すいません|ごめんなさい|ごめん|あの|あのー|えっと|えーと|ええと|ちょっと|ところで|ていうか|で)+")
_PARTICLES = re.compile(r"(?:って|とは|っていうのは|というのは|の|は|が|も|を)+$")
# 「これ」「この質問」「今の質問」: the question shown now.
_THIS = re.compile(r"^(?:この|その|今の|いまの|これの|それの)?(?:これ|それ|あれ|質問|設問|問題|問い|項目|用語|言葉|ことば|"
                   r"単語|文|文章|意味)?$")
# 「Q3」「問3」「3問目」「質問3」「第3問」「3番目の質問」: a question by its number.
_NUMBERED = re.compile(r"^(?:q|question|no|number|#|問|第|設問|質問|問題)\.?(\d{1,2})(?:問目|問|番|番目)?(?:の(?:質問|設問|問題))?$"
                       r"|^(\d{1,2})(?:問目|番目|番)(?:の(?:質問|設問|問題))?$")
_MAX_LENGTH = 40

# The same in English: "what does that mean?", "what's Q3?", "what is a pivot table", "what does KPI
# stand for", "I don't understand the question", "explain Q3 please", "meaning?". The named group is
# what is asked about ("" or "that": the question shown).
_EN_ASKS = re.compile(
    r"^(?:(?:sorry|um+|uh+|so|and|but|ok|okay|hmm+|wait)[, ]+)*(?:"
    r"what (?:does|do|did) (?P<a>.+?) (?:mean|stand for)(?: here)?"
    r"|what(?:'s| is| are) (?P<b>.+?)(?: about| exactly)?"
    r"|what do you mean(?: by (?P<c>.+?))?"
    r"|(?:the )?(?:meaning|definition)(?: of (?P<d>.+?))?"
    r"|(?P<e>.+?) meaning"
    r"|i (?:do not|don't|dont|can't|cannot) (?:understand|get) (?P<f>the question|this question|that question|the term"
    r"|this|that|what (?:it|this|that) means|q ?\d{1,2}|question \d{1,2})"
    r"|(?:can|could) you explain(?: (?P<g>.+?))?|explain(?: (?P<h>.+?))?"
    r")(?: please)?$")
_EN_THIS = re.compile(r"^(?:the |this |that )?(?:that|this|it|question|term|word|one|thing|please|what it means"
                      r"|what this means|what that means)?$")
_EN_ARTICLE = re.compile(r"^(?:a|an|the) ")


def _english(text: str) -> str | None:
    """What an English message asks the meaning of ("" for the question shown), or None when it
    asks no meaning."""
    said = unicodedata.normalize("NFKC", text or "").casefold().replace("\u2019", "'").strip()
    said = re.sub(r"\s+", " ", re.sub(r"[?!.。？！]+$", "", said)).strip()
    if not said or len(said) > 60 or not re.search(r"[a-z]", said):
        return None
    found = _EN_ASKS.fullmatch(said)
    if found is None:
        return None
    subject = next((v for v in found.groups() if v), "")
    return "" if _EN_THIS.fullmatch(subject) else _EN_ARTICLE.sub("", subject)


def _plain(text: str) -> str:
    return re.sub(r"[\s、。，．,.!！・「」『』]+", "", unicodedata.normalize("NFKC", text or "").casefold())


def asks_meaning(text: str) -> bool:
    """「ＫＰＩって何」「ＢＰＲってなんですか」「これどういう意味？」: a short message asking what
    something means (full-width letters read as half-width)."""
    said = _plain(text)
    return (0 < len(said) <= _MAX_LENGTH and _ASKS_MEANING.search(said) is not None) or _english(text) is not None


def asked_about(text: str, questions: list[Question], current: int) -> int | None:
    """The index of the question a message asks the meaning of, or None when it is not such a
    message (or names something the question does not mention: that goes to the FAQ desk).

    `current` is the index of the question shown now, the one 「これってどういう意味？」 means."""
    said = _plain(text)
    if not said or len(said) > _MAX_LENGTH:
        return None
    found = _ASKS_MEANING.search(said)
    if found is not None:
        before = _FILLER.sub("", said[:found.start()])
        subject = _PARTICLES.sub("", before)
        if _THIS.fullmatch(before) or _THIS.fullmatch(subject):
            return current
    else:
        english = _english(text)  # "what does that mean?", "what is Q3", "what does KPI stand for"
        if english is None:
            return None
        subject = _plain(english)
        if not subject:
            return current
    numbered = _NUMBERED.fullmatch(subject)
    if numbered:
        index = int(numbered.group(1) or numbered.group(2)) - 1
        return index if 0 <= index < len(questions) else current
    # 「KPIって何？」 at the KPI question is about it; 「パスワードって何？」 there is not.
    question = questions[current]
    for name in (subject, subject.removesuffix("s")):  # "kpis", "pivot tables": the plural said
        if name and (name in _plain(question.text) or (question.text_en and name in _plain(question.text_en))):
            return current
    return current if names_term(subject, question) else None


# How a Latin letter is read aloud: 「けーぴーあい」 is KPI, 「でぃーえっくす」 DX.
_LETTERS = {"a": "えー", "b": "びー", "c": "しー", "d": "でぃー", "e": "いー", "f": "えふ", "g": "じー", "h": "えいち",
            "i": "あい", "j": "じぇー", "k": "けー", "l": "える", "m": "えむ", "n": "えぬ", "o": "おー", "p": "ぴー",
            "q": "きゅー", "r": "あーる", "s": "えす", "t": "てぃー", "u": "ゆー", "v": "ぶい", "w": "だぶりゅー",
            "x": "えっくす", "y": "わい", "z": "ぜっと"}


def _kana(text: str) -> str:
    # Katakana read as hiragana, long vowels and small tsu dropped (「ケーピーアイ」「けぴあい」 alike).
    hira = "".join(chr(ord(ch) - 0x60) if "\u30a1" <= ch <= "\u30f6" else ch for ch in text)
    return re.sub(r"[ーっ〜~-]", "", hira.replace("えっち", "えいち").replace("てぃ", "てい").replace("でぃ", "でい"))


def names_term(subject: str, question: Question) -> bool:
    """True when `subject` is an acronym of the question (「KPI」「kpi」) or its reading in kana
    (「けーぴーあい」「ケーピーアイ」)."""
    said = _kana(subject)
    if len(said) < 2:
        return False
    for term in re.findall(r"[a-z]{2,}", _plain(question.text)):
        if said == term or said == _kana("".join(_LETTERS[ch] for ch in term)):
            return True
    return False


# A first sentence that defines something: 「KPIは、…指標です。」「COUNTIF関数は、…数えます。」. Others
# (「相談できます。」「SUMIF関数を使います。」) answer a how-to and explain nothing about the skill.
_DEFINES = re.compile(r"^[^。、]{1,40}(?:は|とは)、|(?:のこと|仕組み|指標|方法|形態|道具|サービス|取組)です。$")


def summary(entries: list[FaqEntry | None], limit: int = 140) -> str:
    """The short answer of the first of these FAQ entries that defines the skill: its first
    sentence (cut at `limit` with 「…」); "" when none does."""
    for entry in entries:
        if entry is None or not entry.answer.strip():
            continue
        first = entry.answer.strip().splitlines()[0]
        end = first.find("。")
        sentence = first[:end + 1] if end >= 0 else first
        if _DEFINES.search(sentence):
            return sentence if len(sentence) <= limit else sentence[:limit - 1] + "…"
    return ""

