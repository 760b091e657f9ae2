"""A poll level said as a sentence about the term (eleventh round, 2026-12-06).

At 「KPIの概念を理解していますか」 people answer with what they do with the term:
「けーぴーあいはしごとでつかってる」「人に説明できるくらい」「名前だけ知ってる」「聞いたことはあるけど」
「全然わからん」. The sentence is read with a small word table, not per sentence: cue words of five
families (explain, use, know, heard of / know the name, none), each in kanji, kana and casual forms,
compared as hiragana (`bot.core.kana.reading`); 〜ない／〜ません after a cue flips it; a modifier
before a cue weakens it (「なんとなく知ってる」 is 聞いたことがある, 「よくわからない」 too). Everything
else in the sentence must be the term said first (「KPIは」「けーぴーあいって」), a context word
(「仕事で」「人に」「くらい」) or an ending: a sentence with anything more (a question, a plea, another
job's words) is not a level. A clear question (「KPIって何？」) never is.

The families map onto the bank's scale from both ends (explain/use → the top level, know → the second,
heard → the one above the last, none → the last), so a bank of four levels reads as
理解し実践している／理解している／聞いたことがある／知らない.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.core import kana, vocabulary
from handlers.assessment import explanations
from handlers.assessment.model import QuestionBank

# Cue families, as patterns over the hiragana reading (kanji the reading does not know stay kanji,
# so both spellings are listed). A stem is followed by its ending, which may hold the negation.
_CUES: dict[str, tuple[str, ...]] = {
    "explain": (r"せつめい(?:は|も|まで)?(?:でき|出来)", r"せつめいして", r"ひとにおしえ", r"おしえられ", r"おしえて(?:る|い)",
                r"レクチャーでき|れくちゃーでき"),
    "use": (r"つかいこな(?:して|せ|す)", r"つかって", r"つかった", r"つかう", r"つかえ", r"つかい", r"つかわ",
            r"かつよう", r"じっせん", r"さわって", r"さわった", r"いじって", r"あつかえ", r"扱え", r"くし(?:して|でき)"),
    "know": (r"りかい", r"しって(?!は)", r"しら", r"しり", r"わかる", r"わかっ", r"わから", r"わかり", r"わかん", r"ぞんじ",
             r"なっとく"),
    "heard": (r"しっては", r"きいたこと", r"きいた", r"ききました", r"ききおぼえ", r"みみにし", r"なまえ(?:だけ|は|くらい|ぐらい|なら|程度)",
              r"ことば(?:だけ|は|くらい|ぐらい|なら)", r"たんご(?:だけ|は)", r"単語(?:だけ|は)", r"みたこと"),
    "none": (r"はつみみ", r"(?:いま)?はじめて(?:きき|きい|きく|しっ|しり|しる|みみに)"),
}
# Said before a cue: weakens it (「なんとなく知ってる」), or only a negative one (「よくわからない」).
_WEAK = r"なんとなく|うっすら|すこしだけ|すこし|ちょっとだけ|ちょっと|ぼんやり|多少|たしょう|かるく|軽く"
_PARTIAL = r"あまり|あんまり|いまいち|イマイチ|よく|そこまで|そんなに"
_STRONG = r"ぜんぜん|まったく|さっぱり|全く|まるで|ちっとも"
_NEGATION = r"なかった|いません|いない|ません|ない|ん|ず"
# Context and endings that say nothing about the level (read as hiragana where the reading knows the kanji).
_FILLER_WORDS = (
    "ふだん 普段 まいにち 毎日 たまに ときどき 時々 いつも しょっちゅう けっこう 結構 わりと 割と かなり すごく めっちゃ "
    "ふつうに 普通に いちおう たぶん 多分 しょうじき 正直 まあ まぁ うーん うん えーと えっと ええと あー はい いや じつは 実は "
    "もう まだ だいたい あるていど ていど くらい ぐらい ほど レベル れべる かんじ 感じ いみ 意味 内容 中身 なかみ 概念 がいねん "
    "使い方 つかいかた こと ある あって あり でき する して した る た て える れる られる ます ました です でした だ だよ "
    "だね よね かな かも かもしれない と思う とおもう と思います とおもいます けど けれど けれども でも し が は も を に で "
    "の と って なら とか ね よ な わ さ w 笑")
_FILLER = (
    (r"(?:しごと|ぎょうむ|職場|しょくば|現場|げんば|会社|かいしゃ|課内|かない|係|かかり|課|部署|ぶしょ|日常|にちじょう|じぶん|自分|"
     r"ひとり|一人|実際|じっさい)(?:で|でも|では|的に)?"),
    r"(?:ひと|他のひと|ほかのひと|部下|ぶか|同僚|どうりょう|後輩|こうはい|みんな|だれか|誰か|新人|しんじん)(?:に|にも|には)",
    *_FILLER_WORDS.split(),
)
# Longest first: the first alternative that matches is taken (「かもしれない」 before 「かも」).
_TOKEN = re.compile("|".join(
    [f"(?P<{family}>{'|'.join(patterns)})" for family, patterns in _CUES.items()]
    + [f"(?P<weak>{_WEAK})", f"(?P<partial>{_PARTIAL})", f"(?P<strong>{_STRONG})", f"(?P<negation>{_NEGATION})",
       f"(?P<filler>{'|'.join(sorted(_FILLER, key=len, reverse=True))})"]))
# The term said first: 「KPIは」「けーぴーあいって」「KPIなら」「それは」 (a short stretch before a topic particle).
_TOPIC = re.compile(r"(?:は|って|なら|も|を|とか|のこと(?:は|なら)?)")
_TOPIC_MAX = 16
# The term of another job (an RSVP, a report, a password) is not the poll's term.
_OTHER_JOB = re.compile(r"会議|かいぎ|報告|ほうこく|出欠|ぱすわど|パスワード|申請|しんせい|ぱそこん|パソコン|vpn|予約|よやく")
_MAX_LENGTH = 40


@dataclass(frozen=True)
class _Cue:
    family: str
    modifier: str = ""
    negated: bool = False


def level_of(bank: QuestionBank, text: str, about: str = "") -> str | None:
    """The level key a sentence about the term says, or None when it is not such a sentence. With
    `about` (the question's text), a term said first in letters, katakana or kanji must be one the
    question names (「Teamsは使ってる」 at the KPI question is not its answer); a term typed in
    hiragana (「けーぴーあいは」) cannot be checked and is taken."""
    if len(bank.levels) < 3 or _asks(text):
        return None
    said = kana.reading(text)
    if not said or len(said) > _MAX_LENGTH:
        return None
    for start in _topic_ends(said):
        if start and about and not _names(about, said[:start]):
            continue
        cues = _cues(said[start:])
        place = _position(cues) if cues else None
        if place is not None:
            return bank.levels[place].key
    return None


def _asks(text: str) -> bool:
    """A clear question (「KPIって何？」「仕事でどう使うの」) is never an answer."""
    raw = unicodedata.normalize("NFKC", text or "")
    return "?" in raw or explanations.asks_meaning(text) or vocabulary.is_clear_question(text)


_HIRAGANA = re.compile(r"[\u3041-\u309f]+")


def _names(question: str, term: str) -> bool:
    """True when `term` (read) may be the question's term: typed in hiragana, or sharing a run of
    characters with the question's text (two, or three for letters: 「ピボット」 and 「ピボットテーブル」)."""
    term = _TOPIC.sub("", term)
    if not term or _HIRAGANA.fullmatch(term):
        return True
    read = kana.reading(question)
    n = 3 if term.isascii() else 2
    return term in read or any(term[i:i + n] in read for i in range(len(term) - n + 1))


def _topic_ends(said: str) -> list[int]:
    """Where the level part may start: the beginning, or after the term said first."""
    ends = [0]
    for m in _TOPIC.finditer(said):
        if m.end() > _TOPIC_MAX:
            break
        if not _OTHER_JOB.search(said[:m.start()]):
            ends.append(m.end())
    return ends


def _cues(body: str) -> list[_Cue] | None:
    """The cues of `body` with their modifier and negation, or None when anything but cues and
    fillers is in it (or no cue is)."""
    cues: list[_Cue] = []
    modifier = ""
    pos = 0
    while pos < len(body):
        m = _TOKEN.match(body, pos)
        if m is None or m.end() == pos:
            return None
        pos = m.end()
        kind = m.lastgroup or ""
        if kind in _CUES:
            cues.append(_Cue(kind, modifier))
            modifier = ""
        elif kind in ("weak", "partial", "strong"):
            modifier = kind
        elif kind == "negation" and cues:
            cues[-1] = _Cue(cues[-1].family, cues[-1].modifier, negated=True)
    if not cues and modifier == "strong":
        return [_Cue("none")]  # 「ぜんぜん」「まったくです」
    return cues or None


# Where each cue puts the answer on the scale: 0 is the top level, 1 the next, -2 the one above the
# last (聞いたことがある), -1 the last (知らない).
def _place(cue: _Cue) -> int | None:
    if cue.family == "none":
        return -1
    if cue.family in ("explain", "use"):
        if cue.negated:
            return None  # 「実践していない」 alone does not say how well it is known; with 「知ってるけど」 it is 理解している
        return 1 if cue.modifier == "weak" else 0  # 「なんとなく使ってる」 is not practice
    if cue.family == "know":
        if cue.negated:
            return -2 if cue.modifier == "partial" else -1  # 「よくわからない」 / 「全然わからん」「しりません」
        return -2 if cue.modifier == "weak" else 1  # 「なんとなくしってる」
    return -1 if cue.negated else -2  # heard: 「聞いたこともない」 / 「名前だけ」「聞いたことはある」


def _position(cues: list[_Cue]) -> int | None:
    """One place for the sentence: a positive cue wins over a negated one (「知ってるけど使ってない」
    is 理解している); 「名前だけ」「聞いたことはある」 limit a 「知ってる」 said with them; otherwise the
    highest positive place, or the lowest negative one; None when no cue places it."""
    places = [(p, c) for c in cues if (p := _place(c)) is not None]
    if not places:
        return None
    positive = [(p, c) for p, c in places if not c.negated]
    if positive:
        if any(c.family == "heard" for _, c in positive) and not any(
                c.family in ("explain", "use") for _, c in positive):
            return -2
        return min(positive, key=lambda pc: pc[0] if pc[0] >= 0 else 10 + pc[0])[0]
    return max(places, key=lambda pc: pc[0] if pc[0] >= 0 else 10 + pc[0])[0]
