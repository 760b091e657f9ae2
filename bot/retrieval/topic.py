"""The words that name what a message is about: its topic nouns.

A question to a work desk names a thing (「プリンター」「Excel」「住民票」); small talk names
everyday things (「夕飯」「天気」「漫画」) or none at all (「眠いなあ」「今日は寒いね」
「金曜日が待ち遠しい」). Only nouns name a topic here: verbs and adjectives (寒い, 食べる) say what
happens to it, and time and number words (今日, 最近, 週末, 金曜日, 3) say when or how much –
they are tagged 副詞可能 / 数詞 by SudachiPy, so no word list is needed for them.
Question scaffolding (方法, 質問, …) is left out as everywhere else (``STOP_NORMS``), and so are
nouns that only say what kind of answer is wanted (おすすめ, コツ, 書き方).
"""

from __future__ import annotations

from dataclasses import dataclass

from .tokenize import _FUNCTION_POS, STOP_NORMS, _method_verb, _tokenizer

__all__ = ["TopicWords", "names_only_when", "topic_words"]

# Nouns that say what kind of answer is wanted, not what it is about, like 方法 and やり方 in
# ``STOP_NORMS``: 「ラーメンのおすすめ」「スピーチのコツ」 are about ラーメン and スピーチ.
ASKING_NOUNS = frozenset({"御勧め", "こつ"})
# Suffixes that make the word before them a person's name or a form of address (SudachiPy
# normalised forms: くん → 君).
ADDRESS_SUFFIXES = frozenset({"君", "さん", "ちゃん", "様", "氏", "殿"})


@dataclass(frozen=True, slots=True)
class TopicWords:
    """The topic nouns of a message and whether it names something in Latin script."""

    nouns: tuple[tuple[str, str, str], ...]  # (normalised form, surface, dictionary form)
    latin: bool  # a Latin-script word (Excel, PDF, Power Automate): a product or system name


def topic_words(normalized: str) -> TopicWords:
    """Topic nouns of already-normalised text (see the module docstring)."""
    nouns: list[tuple[str, str, str]] = []
    latin = False
    morphemes = list(_tokenizer().tokenize(normalized[:2048]))
    for i, m in enumerate(morphemes):
        pos = m.part_of_speech()
        surface = m.surface()
        after = morphemes[i + 1] if i + 1 < len(morphemes) else None
        if after is not None and after.normalized_form() in ADDRESS_SUFFIXES:
            continue  # 「AIくん」「田中さん」: someone addressed or named, not a topic
        letters = [c for c in surface.lower() if "a" <= c <= "z"]
        if letters:
            # Excel, ノートPC, AI: a name. A lone letter or one letter repeated (「w」「www」:
            # laughter) is not.
            latin = latin or len(set(letters)) > 1
            continue
        norm = m.normalized_form().lower()
        if (
            pos[0] != "名詞"
            or pos[0] in _FUNCTION_POS
            or pos[1] == "数詞"
            or pos[2] == "副詞可能"  # 今日, 最近, 週末, 金曜日: when, not what
            or norm in STOP_NORMS
            or norm in ASKING_NOUNS
            or m.dictionary_form() in STOP_NORMS
            or not surface.strip()
            # 書き方, 使い方: "how to <verb>" – the verb, not a thing (see tokenize.analyze)
            or (len(surface) >= 2 and surface.endswith("方") and _method_verb(surface[:-1]))
        ):
            continue
        nouns.append((norm, surface.lower(), m.dictionary_form().lower()))
    return TopicWords(tuple(dict.fromkeys(nouns)), latin)


def names_only_when(normalized: str) -> bool:
    """Every content word of already-normalised text is a time or number word (「今日は何の日？」
    「明日は？」): the message says *when* and nothing else. A Latin letter or digit string
    (「#N/A」, a code), a verb or adjective (「一時預かりってやってる？」) or any other noun makes it
    False, and so does text without a content word."""
    seen = False
    for m in _tokenizer().tokenize(normalized[:2048]):
        pos = m.part_of_speech()
        if pos[0] in _FUNCTION_POS or pos[0] == "空白" or not m.surface().strip():
            continue
        if m.normalized_form().lower() in STOP_NORMS or m.dictionary_form() in STOP_NORMS:
            continue
        if any("a" <= c <= "z" for c in m.surface().lower()):
            return False
        if pos[0] != "名詞" or not (pos[1] == "数詞" or pos[2] == "副詞可能"):
            return False
        seen = True
    return seen
