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

__all__ = ["TopicWords", "topic_words"]

# Nouns that say what kind of answer is wanted, not what it is about, like 方法 and やり方 in
# ``STOP_NORMS``: 「ラーメンのおすすめ」「スピーチのコツ」 are about ラーメン and スピーチ.
ASKING_NOUNS = frozenset({"御勧め", "こつ"})


@dataclass(frozen=True, slots=True)
class TopicWords:
    """The topic nouns of a message and whether it names something in Latin script."""

    nouns: tuple[tuple[str, str, str], ...]  # (normalised form, surface, dictionary form)
    latin: bool  # a Latin-script word (Excel, PDF, Power Automate): a product or system name


def topic_words(normalized: str) -> TopicWords:
    """Topic nouns of already-normalised text (see the module docstring)."""
    nouns: list[tuple[str, str, str]] = []
    latin = False
    for m in _tokenizer().tokenize(normalized[:2048]):
        pos = m.part_of_speech()
        surface = m.surface()
        if any("a" <= c <= "z" for c in surface.lower()):  # Excel, ノートPC
            latin = True
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
