"""Buttons typed as words, on every platform: 「回答を始める」「出席」 typed as a message press the
button of a message the bot sent this person recently (an invitation, a reminder), as pressing it
would. Which of several messages is meant is asked in one line when two jobs offer the label.
Buttons of a direct reply made at run time (a FAQ candidate's question, 「担当者に転送する」) are kept
as `Shown` entries and pressed by their label or a clear part of it (`shown_matches`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from bot.core import vocabulary
from bot.core.replies import Choice, Reply

# Labels too common to mean one message when typed later (a dialog of the moment reads them).
COMMON = (vocabulary.YES_WORDS | vocabulary.NO_WORDS | vocabulary.CANCEL_WORDS | vocabulary.BACK_WORDS
          | vocabulary.SKIP_WORDS | vocabulary.SUBMIT_WORDS | vocabulary.NONE_OF_THEM_WORDS)
# The job a button's action belongs to, and the words that name it when two messages offer one label.
JOBS = {"checkin": ("報告", "進捗", "ほうこく", "report", "checkin"),
        "assessment": ("診断", "アンケート", "スキル", "しんだん", "assessment", "survey"),
        "faq": ("質問", "FAQ", "しつもん", "question"),
        "meeting": ("会議", "かいぎ", "meeting")}
# A label is a button's name, never a sentence: longer messages are not looked up.
LONGEST = 24
SUMMARY_CHARS = 40
WHICH_DIALOG = "buttons.which"


def label_key(text: str) -> str:
    """A button label as typed: width-folded, without spaces, brackets or a trailing 「。」."""
    folded = "".join(unicodedata.normalize("NFKC", text).split()).lower()
    return folded.strip("「」『』[]()（）\"'").rstrip("。.!！")


def could_be_label(text: str) -> bool:
    """Short, not a question, not a word every dialog reads (はい, やめる, どれでもない, 続きから: the
    resume word continues what was paused, whichever message offered it)."""
    typed = label_key(text)
    return (3 <= len(typed) <= LONGEST and text.strip() not in COMMON and not re.search(r"[?？]", text)
            and not typed.isdigit() and not vocabulary.is_resume(typed))


def known_labels(texts: Iterable[str]) -> frozenset[str]:
    """The keys of the catalogue's texts short enough to be a button's label (no placeholders): a
    message is looked up among recent buttons only when it names one of them, so an ordinary
    question costs no read (「VLOOKUPの使い方」 is no label; 「回答を始める」 names 「報告の回答を始める」)."""
    return frozenset(label_key(x) for x in texts if x and "{" not in x and len(label_key(x)) <= LONGEST)


# A label naming one numbered thing (「Q-{id} に回答」「Q-{id} を転送する」): typed with its number, it
# presses that job's button whose value is the number, whatever that button's own label (the office's
# notice says 「回答する」 under 「Q-3」; the list of waiting questions says 「Q-3 に回答」).
NUMBERED = "{id}"


def numbered_labels(items: Iterable[tuple[str, tuple[str, ...]]]) -> tuple[tuple[str, str], ...]:
    """(job, key with 「{id}」) of the catalogue's button labels (keys ending in 「button」) that name a
    numbered thing and nothing else."""
    found: list[tuple[str, str]] = []
    for key, texts in items:
        if not key.endswith("button"):
            continue
        for x in texts:
            if x and x.count("{") == 1 and NUMBERED in x and len(label_key(x.replace(NUMBERED, "1"))) <= LONGEST \
                    and len(label_key(x.replace(NUMBERED, ""))) >= 3:
                found.append((key.split(".", 1)[0], label_key(x)))
    return tuple(dict.fromkeys(found))


def _numbered(key: str) -> re.Pattern[str]:
    """The label with any number in its place; 「Q3に回答」 names 「Q-3 に回答」 (the hyphen is optional)."""
    head, _, tail = key.partition(NUMBERED)
    return re.compile(re.escape(head).replace(r"\-", "-?") + r"\d{1,9}" + re.escape(tail).replace(r"\-", "-?"))


def names_known(text: str, known: frozenset[str], numbered: tuple[tuple[str, str], ...] = ()) -> bool:
    """The typed words name one of the `known` labels (itself, or without the job's name in front),
    or a numbered label with its number (「Q-3 に回答」)."""
    typed = label_key(text)
    return (typed in known or any(k.endswith("の" + typed) for k in known)
            or any(_numbered(k).fullmatch(typed) for _, k in numbered))


def names_numbered(choice: Choice, typed: str, numbered: tuple[tuple[str, str], ...]) -> bool:
    """The typed words are a numbered label of this button's job with this button's value as the
    number (「Q-3 に回答」 for the office notice's 「回答する」 of Q-3)."""
    value = label_key(choice.value)
    return bool(value) and value.isdigit() and any(
        job == job_of(choice.action_id) and key.replace(NUMBERED, value).replace("-", "") == typed.replace("-", "")
        for job, key in numbered)


def names(label: str, typed: str) -> bool:
    """The typed words name this label: the label itself, or its words without the job's name in
    front (「回答を始める」 for 「診断の回答を始める」: the label both invitations had before)."""
    own = label_key(label)
    return own == typed or own.endswith("の" + typed)


def job_of(action_id: str) -> str:
    """「checkin」 for "checkin.start": the job whose words answer the which-one question."""
    head = action_id.split(".", 1)[0]
    return next((job for job in JOBS if head.startswith(job)), head)


def summary_of(reply: Reply) -> str:
    """The first line of a message, shortened (what the which-one question names it by)."""
    first = next((line.strip() for line in (reply.title, *reply.text.splitlines()) if line.strip()), "")
    return first if len(first) <= SUMMARY_CHARS else first[:SUMMARY_CHARS] + "…"


def typed_buttons(replies: list[Reply], text: str, numbered: tuple[tuple[str, str], ...] = ()) -> list[dict[str, Any]]:
    """The buttons of `replies` (newest first) whose label the text names (or, for a `numbered`
    label, whose value is the number typed): the latest message of each job only, newest first, as
    {label, action_id, value, about}."""
    typed = label_key(text)
    found: list[dict[str, Any]] = []
    for reply in replies:
        for c in reply.choices:
            if (names(c.label, typed) or names_numbered(c, typed, numbered)) and all(job_of(c.action_id) != job_of(f["action_id"]) for f in found):
                found.append({"label": c.label, "action_id": c.action_id, "value": c.value,
                              "about": summary_of(reply)})
    return found


def choice_of(found: dict[str, Any]) -> Choice:
    """The button a remembered option stands for."""
    return Choice(str(found["label"]), str(found["action_id"]), str(found.get("value", "")))


def which_answer(text: str, options: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The option a reply to the which-one question picks: its number or its job's word."""
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    m = re.fullmatch(r"([0-9])\s*(番|番目|つ目)?(で|です)?", folded)
    if m:
        n = int(m.group(1))
        return options[n - 1] if 1 <= n <= len(options) else None
    named = [o for o in options if any(w.lower() in folded for w in JOBS.get(job_of(str(o["action_id"])), ()))]
    return named[0] if len(named) == 1 else None


def which_words(options: list[dict[str, Any]]) -> str:
    """「報告」・「診断」: the words that answer the which-one question."""
    return "・".join(f"「{JOBS.get(job_of(str(o['action_id'])), (job_of(str(o['action_id'])),))[0]}」"
                    for o in options)


# A clear part of a long run-time label (「アカウントがロック」 of a FAQ candidate's question) presses it
# only when it is this long and names one label alone.
PART_CHARS = 6
# How many run-time buttons are kept per person (the newest).
SHOWN_KEPT = 24


def shown_entries(replies: list[Reply], turn: int) -> list[dict[str, Any]]:
    """The buttons of replies sent in a turn that can be typed later, as {label, action_id, value, about,
    turn}: words every dialog reads (はい, どれでもない) are left to the dialog of the moment."""
    return [{"label": c.label, "action_id": c.action_id, "value": c.value, "about": summary_of(reply), "turn": turn}
            for reply in reversed(replies) for c in reply.choices
            if c.label.strip() not in COMMON and label_key(c.label) and not label_key(c.label).isdigit()]


def shown_matches(entries: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The run-time buttons (newest first) the text presses: its label typed out (width, brackets, spaces
    and a trailing 「。」 aside; three characters or more), or a clear part of one label alone (at least
    `PART_CHARS` characters, not a question). One entry per label, the newest."""
    typed = label_key(text)
    # 「出席」 (two characters) is left to the job that reads it, as for the outbox's labels.
    if (len(typed) < 3 or text.strip() in COMMON or typed.isdigit() or vocabulary.is_resume(typed)
            or len(typed) > 80):
        return []
    exact = [e for e in entries if names(str(e["label"]), typed)]
    if (not exact and len(typed) >= PART_CHARS and not re.search(r"[?？]", text)
            and not vocabulary.is_clear_question(typed)):
        exact = [e for e in entries if typed in label_key(str(e["label"]))]
    seen: dict[str, dict[str, Any]] = {}
    for e in exact:
        seen.setdefault(label_key(str(e["label"])), e)
    return list(seen.values())
