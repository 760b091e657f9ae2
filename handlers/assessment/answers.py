"""Reading a typed poll answer: 1–4, a level's words, or a close form such as 「理解してる」.

Comparison ignores width, case, spaces, punctuation and the hiragana/katakana difference. When
several level words fit, the longest one wins (「聞いたことがない」 beats 「聞いた」). A negative
sentence (…ない, …ません) only counts when the matched words are negative too, so 「理解していない」
is never read as 「理解している」.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from bot.core import kana
from bot.core.text import fold
from bot.core.vocabulary import BACK_WORDS, CANCEL_WORDS, says_later
from handlers.assessment import level_sentences
from handlers.assessment.model import QuestionBank

_NOISE = re.compile(r"[\s、。，．,.!！?？・「」『』()（）\-ー〜~]+")
_POLITE_END = re.compile(r"(です|でした|ます|だ|よ|ね)+$")
_NEGATIVE = ("ない", "ません")


def _hiragana(text: str) -> str:
    # Katakana U+30A1..U+30F6 sit exactly 0x60 above their hiragana.
    return "".join(chr(ord(ch) - 0x60) if "\u30a1" <= ch <= "\u30f6" else ch for ch in text)


# 「まー」「まーまー」「マァ」 said first (a filler before them allowed): 「まあ」「まあまあ」, so that
# 「まーできます」 reads as 「まあできます」 (dropping 「ー」 with the punctuation left a bare 「ま」).
_LONG_MA = re.compile(r"^((?:うーん|うん|えーと|えっと|えー)?[\s、,]*)((?:[まマ][ー〜~ぁァ]+)+)")


def _spell_ma(text: str) -> str:
    found = _LONG_MA.match(text)
    if found is None:
        return text
    units = len(re.findall(r"[まマ]", found.group(2)))
    return found.group(1) + "まあ" * units + text[found.end():]


def normalise(text: str) -> str:
    """Fold width/case, drop spaces and punctuation, katakana → hiragana (「まー」 said first as 「まあ」)."""
    folded = _spell_ma(unicodedata.normalize("NFKC", fold(text)).strip())
    return _hiragana(_NOISE.sub("", folded))


# Casual ways of pausing inside the poll: a cancel word of the one vocabulary with a softener
# (「ちょっと休憩」「いったん中断します」), or a rest word (「ちょっと休む」「また今度」). Read as a pause
# (the answers are kept), never as a level (「ちょっと」 alone is one).
_SOFTENER = re.compile(r"^(?:ちょっと|ちょっとだけ|ちょい|いったん|一旦|少し|すこし)")
# 「ちょいきゅうけい」「休憩します」「ちょっと抜けます」「離席します」「あとでやります」: stepping away.
_STEP_AWAY = re.compile(
    r"^(?:ちょい|ちょっと|いったん|一旦|少し|すこし|しばらく|いまから|今から)?(?:休憩|きゅうけい|抜け|ぬけ|離席|りせき"
    r"|席(?:を)?(?:外|はず)|せきはず|中座)(?:し|す|させ|さ)?(?:ます|る|てきます|てくる|たい|てください|ね|よ|です)*$"
    r"|^(?:また)?(?:あと|後|のち)(?:ほど)?で(?:やる|やり|答え|こたえ|回答|続き|つづき)(?:ます|る|します|する)?$")
_POLITE = re.compile(r"(?:します|する|したい|させて|させてください|でお願いします|で|に|ね|よ|です|ます)+$")
_REST_WORDS = frozenset({"休む", "やすむ", "休みます", "ひと休み", "ひとやすみ", "一休み", "また今度", "またこんど",
                         "後ほど", "のちほど", "今は無理", "いまはむり", "きゅうけい"})


# 「使っている」「使ってます」 and 「使ってる」 are one form on both sides of the comparison.
_TE_IRU = re.compile(r"(て|で)(?:います|いる|ます|る)(?=し|けど|$)")
# What may stand around a level's words in a reply that is essentially that level: fillers, hedges,
# a clause of knowing said first (「知ってるし使ってる」), polite endings.
_AROUND_LEVEL = re.compile(
    r"(?:うーん|うん|んー|えーと|えっと|ええと|まあ|まぁ|たぶん|多分|一応|いちおう|正直|実は|はい|ええ|もう|よく|普段|ふだん|普通に|ふつうに|フツーに|ふつーに|わりと|割と|けっこう|結構"
    r"|仕事で|業務で|も|は|が|を|知ってるし|知ってますし|しってるし|わかるし|分かるし|理解してるし|あ|かな|かなあ|と思う"
    r"|と思います|かも|ね|よ|な|です|ます|だ|し|けど|して|してる|します|する|てる)*")


# A hedge said before the level's words: 「たぶんできる」「一応使ってる」「なんとなくできる」.
_HEDGED = re.compile(r"^(?:うーん|えーと|まあ|まぁ)?(?:たぶん|多分|おそらく|一応|いちおう|なんとなく|何となく|だいたい|大体|"
                     r"ある程度|そこそこ|それなりに|まあまあ|まぁまぁ|ぼちぼち)")

# 「まあ」「まぁ」 alone before a level (not 「まあまあ」, an alias of 理解している), maybe after a filler
# (「うーん、まあできます」; normalised, 「うーん」 is 「うん」 and 「えーと」 「えと」).
_MILD = re.compile(r"^(?:うん|えと|えっと|ええと)?(?:まあ|まぁ)(?!まあ|まぁ)")

# 「ふつう」「普通です」「ふつうかな」 said alone.
_SO_SO = re.compile(r"(?:うーん|まあ|まぁ)?(?:ふつう|普通|ふつー|フツー)(?:です|だと思います|だと思う|かな|かなあ|くらい|ぐらい)?")
# A level's number said with a hedge or an ending: 「うーん、3かな」「たぶん2」「3番で」「2でお願いします」.
_HEDGED_NUMBER = re.compile(r"(?:うーん|うん|んー|えーと|えっと|ええと|まあ|まぁ|たぶん|多分|一応|いちおう)*[、,\s]*([0-9])"
                            r"(?:番|ばん)?(?:かな|かなあ|かなー|かも|で|です|でお願いします|でおねがいします|にします|で|ね|よ)*")


# Kansai and casual endings, read as the standard forms the level words are written in:
# 「できるで」「わかるで」「知らんわ」 (a sentence particle after the verb), 「できへん」「わからへん」「使えへん」
# (…へん/…ひん = …ない), 「わからん」「知らん」 (= …ない, so 「ようわからん」 is 「よくわからない」, 聞いたことがある),
# 「よう」 before a verb (= 「よく」). Only at the end of a short reply: 「たいへん」 is not 「たいない」.
_KANSAI_PARTICLE = re.compile(r"(?<=[るんいすた])(?:やで|やねん|ねん|やん|わな|わ|で|な)(?=[。．.!！〜~ー…]*$)")
_KANSAI_NOT = re.compile(r"(?<=[らきえわけれせ])[へひ]ん(?=[。．.!！〜~ー…]*$)")
_CASUAL_N = re.compile(r"(わから|分から|解ら|しら|知ら)ん(?=[。．.!！〜~ー…]*$)")
_YOU = re.compile(r"^(?:うーん|うん|いや)?[、,\s]*よう(?=わから|分から|知ら|しら|でき|使え|つかえ|知って|しって|わかって|分かって)")


def standard_forms(text: str) -> str:
    """A casual or Kansai reply in the standard forms of the level words: 「できるで」→「できる」,
    「できへん」→「できない」, 「ようわからん」→「よくわからない」, 「しらんわ」→「しらない」."""
    said = unicodedata.normalize("NFKC", text).strip()
    said = _KANSAI_PARTICLE.sub("", said)
    said = _KANSAI_NOT.sub("ない", said)
    said = _CASUAL_N.sub(r"\1ない", said)
    return _YOU.sub(lambda m: m.group(0)[:-2] + "よく", said)


def _alike(text: str) -> str:
    return _TE_IRU.sub(r"\1る", text)


def _is_pause(text: str) -> bool:
    softened = _SOFTENER.sub("", normalise(text))
    if _STEP_AWAY.match(normalise(text)):
        return True
    if any(core and (core in CANCEL_WORDS or core in _REST_WORDS)
           for core in (softened, _POLITE.sub("", softened))):
        return True
    return says_later(normalise(text))


def command_word(text: str) -> str:
    """"back" / "pause" for 「戻る」「中断」 (the one vocabulary's back and cancel words) and the
    casual pauses (「ちょっと休憩」「あとで」), else ""."""
    if text in BACK_WORDS:
        return "back"
    if text in CANCEL_WORDS or _is_pause(text):
        return "pause"
    return ""


def is_level_as_shown(bank: QuestionBank, text: str) -> bool:
    """True when the answer was a level's number or its own label (「2」「理解している」); False for
    the casual forms (「まあまあ」「ぜんぜんわからん」), which are echoed with the level they became."""
    n = normalise(text)
    return bool(re.fullmatch(r"[0-9]", n)) or any(
        n in (normalise(level.label), normalise(level.label_en)) for level in bank.levels)


def parse_level(bank: QuestionBank, text: str, about: str = "") -> str | None:
    """The level key a typed answer means, or None if it is not clearly an answer. `about` is the
    question's text: a sentence naming another term first is not its answer."""
    text = standard_forms(text)  # 「できへん」「ようわからん」「できるで」
    n = normalise(text)
    if not n:
        return None
    # A number is an answer only as one of the levels' numbers: 「-1」「0」「1.5」「12」 are not
    # (normalising drops the sign and the point, which once recorded 「-1」 as level 1).
    raw = unicodedata.normalize("NFKC", text).strip().rstrip("。.")
    if re.fullmatch(r"[+\-−]?\s*\d+(?:[.,]\d+)?", raw) and not re.fullmatch(r"\d", raw):
        return None
    if _SO_SO.fullmatch(n) and len(bank.levels) > 2:
        # 「ふつう」 alone: the middle of the scale (理解している); 「ふつうにできる」 is read below.
        return bank.levels[1].key
    hedged_number = _HEDGED_NUMBER.fullmatch(n)
    if hedged_number:  # 「うーん、3かな」「たぶん2」「3番で」: the number, with what a casual reply has around it
        n = hedged_number.group(1)
    if re.fullmatch(r"[0-9]", n):
        index = int(n) - 1
        return bank.levels[index].key if 0 <= index < len(bank.levels) else None
    # Labels (in both languages) count as exact matches first.
    for level in bank.levels:
        if n in (normalise(level.label), normalise(level.label_en)):
            return level.key
    if "?" in unicodedata.normalize("NFKC", text):
        return None  # 「これってどういう意味？わからない」 is a question about the question
    english = _english_level(bank, text)
    if english is not None:  # "a little", "no idea", "I use it every day"
        return english
    mild = _MILD.match(n)
    if mild and n[mild.end():] and len(bank.levels) > 1:
        # 「まあ使える」「まぁできる」: a mild 「まあ」 before the top level is not sure of practising it
        # either (as 「たぶんできる」); read before the sentence cues, which take 「使える」 as practising.
        inner = parse_level(bank, n[mild.end():], about)
        if inner is not None:
            return bank.levels[1].key if inner == bank.levels[0].key else inner
    said_in_sentence = level_sentences.level_of(bank, text, about)
    if said_in_sentence is not None:
        # 「けーぴーあいはしごとでつかってる」「名前だけ知ってる」「なんとなくわかる」: cue words read together.
        return said_in_sentence
    hedged = _HEDGED.match(n)
    if hedged and n[hedged.end():] and len(bank.levels) > 1:
        # 「たぶんできる」「一応使ってる」「なんとなくできる」: not sure of practising it — the next level
        # down (理解している), never the top one; a hedged lower level stays itself (「たぶん知らない」).
        inner = parse_level(bank, n[hedged.end():])
        if inner is not None:
            return bank.levels[1].key if inner == bank.levels[0].key else inner
    stripped = _POLITE_END.sub("", _alike(n)) or _alike(n)
    found = _match(bank, stripped, lambda form: _alike(normalise(form)))
    if found is None:
        # Typed in kana (「りかいしじっせんしてる」「しってる」「みちゃくしゅ」): compare readings.
        said = kana.reading(text)
        found = _match(bank, _POLITE_END.sub("", said) or said, kana.reading)
    return found if found is not None else _typo(bank, kana.reading(text))


def _match(bank: QuestionBank, stripped: str, read: Callable[[str], str]) -> str | None:
    """The level whose words (read by `read`) the answer `stripped` is essentially made of."""
    def forms(key: str) -> list[str]:
        level = bank.level(key)
        words = (level.label, *level.aliases) if level is not None else ()
        return [f for form in words if (f := _POLITE_END.sub("", read(form)) or read(form))]

    best: tuple[int, str, str] | None = None
    for level in bank.levels:
        for f in forms(level.key):
            if f in stripped and (best is None or len(f) > best[0]):
                best = (len(f), level.key, f)
    if best is None:
        return None
    # Only a reply that is essentially the level counts: what is left around the level's words
    # must be fillers (「うーん」「一応」「かな」) — 「ちょっと今わからないので後で聞きます」 is not 知らない.
    # The chosen level's words go first, then any other level's (「まあまあできる」 stays 2).
    rest = stripped
    others = [f for lv in bank.levels if lv.key != best[1] for f in forms(lv.key)]
    for form in (*sorted(forms(best[1]), key=len, reverse=True), *sorted(others, key=len, reverse=True)):
        rest = rest.replace(form, "")
    if not _AROUND_LEVEL.fullmatch(rest):
        return None
    negative_text = any(neg in stripped for neg in _NEGATIVE)
    level = bank.level(best[1])
    assert level is not None
    negative_match = any(neg in f for f in (read(w) for w in (level.label, *level.aliases)) if f in stripped
                         for neg in _NEGATIVE)
    if negative_text and not negative_match:
        return None
    return best[1]


def _typo(bank: QuestionBank, said: str) -> str | None:
    """The one level a long answer reads as with one character mistyped (「りかいしじっせんしてぃる」),
    or None when none or several fit, or when the answer is negative and the words are not."""
    near = {level.key for level in bank.levels for form in (level.label, *level.aliases)
            if len(f := kana.reading(form)) >= kana.TYPO_MIN and kana.one_off(said, f)
            and any(neg in said for neg in _NEGATIVE) == any(neg in f for neg in _NEGATIVE)}
    return near.pop() if len(near) == 1 else None


# English replies (aliases_en in questions.yaml) are compared whole, after short forms are spelled
# out ("don't" → "do not", "I've" → "I have"), "this/that/them" read as "it" and fillers dropped
# around them ("um, a little I guess"). A hedge before the top level ("probably I use it") is the
# next level down, as 「たぶんできる」 is in Japanese.
_EN_SHORT = ((r"\bcan't\b|\bcan not\b", "cannot"), (r"\bwon't\b", "will not"), (r"n't\b", " not"), (r"'ve\b", " have"),
             (r"'m\b", " am"), (r"'re\b", " are"), (r"'d\b", " would"), (r"\bdont\b", "do not"), (r"\bive\b", "i have"),
             (r"\bim\b", "i am"))
_EN_LEAD = re.compile(r"^(?:(?:um+|uh+|hmm+|well|oh|so|ok|okay|honestly|to be honest|i would say|i guess|i think"
                      r"|i suppose|yeah|yes|just|only)\b ?)+")
_EN_TAIL = re.compile(r"(?: ?\b(?:i guess|i think|i suppose|really|to be honest|honestly|actually|though|lol"
                      r"|haha|i am afraid|sadly|sorry|yet))+$")
_EN_HEDGE = re.compile(r"^(?:maybe|probably|perhaps|kind of|sort of|more or less|somewhat) ")


def _english_words(text: str) -> str:
    said = unicodedata.normalize("NFKC", text or "").casefold().replace("\u2019", "'")
    for short, full in _EN_SHORT:
        said = re.sub(short, full, said)
    said = re.sub(r"[^a-z0-9' ]+", " ", said)
    said = re.sub(r"\b(?:this|that|them)\b", "it", said)
    return " ".join(said.split())


def _english_level(bank: QuestionBank, text: str) -> str | None:
    """The level an English reply means ("a little", "never heard of it"), or None."""
    if not re.search(r"[A-Za-z]{2}", text) or re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text):
        return None
    said = _EN_TAIL.sub("", _EN_LEAD.sub("", _english_words(text))).strip()
    forms = {_english_words(form): level.key for level in bank.levels for form in (level.label_en, *level.aliases_en)}
    if said in forms:
        return forms[said]
    hedged = _EN_HEDGE.match(said)
    inner = forms.get(said[hedged.end():]) if hedged else None
    if inner is not None and len(bank.levels) > 1:
        return bank.levels[1].key if inner == bank.levels[0].key else inner
    return None
