"""One command grammar on every platform: `/dx <words> [arguments]`.

Command words may be typed in English or Japanese (「進捗」 for progress); they are folded to the
English path that handlers register.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from bot.core.router import CommandRoute
from bot.core.text import fold

# Japanese (and a few English) forms of command words -> canonical English words.
ALIASES: dict[str, str] = {
    "ヘルプ": "help", "へるぷ": "help", "使い方": "help", "?": "help", "？": "help",
    "要約": "summary", "集計": "summary", "サマリー": "summary", "サマリ": "summary",
    "進捗": "progress", "進捗状況": "progress",
    "アセスメント": "assessment", "スキル診断": "assessment", "診断": "assessment",
    "自己診断": "assessment",
    "会議": "meeting", "ミーティング": "meeting",
    "チェックイン": "checkin", "報告": "checkin", "check-in": "checkin",
    "書き出し": "export", "エクスポート": "export", "出力": "export",
    "利用者": "users", "ユーザー": "users", "名簿": "users", "user": "users",
    "取り込み": "import", "インポート": "import", "一覧": "list", "予定": "list", "スケジュール": "list",
    "schedule": "list", "よてい": "list", "役割": "set-role",
    "setrole": "set-role", "role": "set-role",
    "追加": "add", "登録": "add", "編集": "edit", "修正": "edit", "表示": "show",
    "検索": "search", "未回答": "unanswered", "回答": "answer", "候補": "suggestions",
    "言い換え": "suggestions", "承認": "approve", "却下": "reject",
    "開始": "start", "状況": "status", "催促": "remind", "リマインド": "remind",
    "設定": "set", "中止": "cancel", "取消": "cancel", "スキップ": "skip-next",
    "プレビュー": "preview", "今すぐ送信": "send-now", "送信": "send-now",
    "監査": "audit", "操作記録": "audit", "言語": "lang", "language": "lang",
    "グラフ": "chart", "チャート": "chart",
    "議題": "agenda", "気づき": "idea", "出欠": "rsvps", "出欠状況": "rsvps", "出欠回答": "rsvp",
    "議事録": "send-minutes", "議事録送信": "send-minutes", "minutes": "send-minutes", "skip": "skip-next",
    "次回スキップ": "skip-next", "休会": "skip-next", "所属変更": "set-department", "部署変更": "set-department",
    "所属": "set-department", "部署": "set-department",
    "setdept": "set-department", "役割変更": "set-role", "sendnow": "send-now",
    "推移": "trend", "トレンド": "trend", "よくある質問": "faq",
    "結果": "results", "自分": "me", "私": "me", "わたし": "me", "締切": "close", "締め切る": "close",
    "締め切り": "close",
    "ロードマップ": "roadmap", "履歴": "history", "フォーム": "forms", "削除": "remove", "delete": "remove",
    "締切る": "close", "締め切ります": "close", "終了": "close", "受付終了": "close", "〆切": "close", "未提出": "status", "みていしゅつ": "status", "公開": "publish", "非公開": "unpublish",
    "公開停止": "unpublish", "下書き": "drafts", "案": "drafts", "faq案": "drafts", "破棄": "discard",
    "元に戻す": "undo", "戻す": "undo", "提案": "propose", "対応済み": "close", "完了": "close",
    # Typed in kana before the IME converts them.
    "しんだん": "assessment", "ほうこく": "checkin", "かいぎ": "meeting", "ようやく": "summary",
    "しんちょく": "progress", "めいぼ": "users", "かんさ": "audit", "けんさく": "search", "みかいとう": "unanswered",
    "いちらん": "list", "せってい": "set", "ちゅうし": "cancel", "ぷれびゅー": "preview", "しゅっけつ": "rsvps",
    "ぎだい": "agenda", "きづき": "idea",
    "同義語": "synonyms", "類義語": "synonym",
    # Moving a deadline is never 「締切」 (which closes): its own words (issue 15).
    "締切変更": "deadline", "締切延長": "deadline", "締切を変更": "deadline", "延長": "deadline",
    "締め切り変更": "deadline", "締め切り延長": "deadline", "締切日変更": "deadline", "締切日の変更": "deadline",
    "期限延長": "deadline", "extend": "deadline",
    # 「/dx 会議 場所 変更 第2会議室」「/dx 会議 時間 15時から」: one part of a meeting (fourth round).
    "場所": "place", "ばしょ": "place", "会場": "place", "場所変更": "place", "会場変更": "place",
    "時間": "time", "時刻": "time", "じかん": "time", "開始時間": "time", "開始時刻": "time", "時間変更": "time",
    # 「/dx 会議 名前 兼務職員定例会議」: the meeting's name (eighth round).
    "名前": "name", "名称": "name", "会議名": "name", "なまえ": "name", "名前変更": "name", "名称変更": "name",
    # Opening a closed check-in again with a new deadline. 「再開」 alone stays a liaison's 「続きから」
    # (「/dx 報告 再開」); followed by a date the check-ins read it as this (「/dx 報告 再開 12/20」).
    "受付再開": "reopen", "受付を再開": "reopen", "再オープン": "reopen",
    # 「/dx FAQ 英訳 FAQ-012 質問 | 回答」: an entry's English wording (fourteenth round).
    "英訳": "english", "英語版": "english", "英文": "english",
}

# The Japanese word `/dx help` shows for each command word (every one is an alias above, so what
# the help shows runs as shown); a whole path where one word reads better in its job.
JAPANESE_WORDS: dict[str, str] = {
    "help": "ヘルプ", "lang": "言語", "audit": "監査", "summary": "要約", "progress": "進捗", "assessment": "診断",
    "faq": "FAQ", "meeting": "会議", "checkin": "報告", "export": "書き出し", "users": "名簿", "import": "取り込み",
    "list": "一覧", "set-role": "役割変更", "set-department": "所属変更", "add": "追加", "edit": "編集", "show": "表示",
    "search": "検索", "unanswered": "未回答", "answer": "回答", "suggestions": "言い換え", "approve": "承認",
    "reject": "却下", "start": "開始", "status": "状況", "remind": "催促", "set": "設定", "cancel": "中止",
    "skip-next": "休会", "preview": "プレビュー", "send-now": "送信", "rsvps": "出欠", "rsvp": "出欠回答",
    "agenda": "議題", "idea": "気づき", "send-minutes": "議事録送信", "chart": "グラフ", "trend": "推移",
    "results": "結果", "me": "自分", "close": "締切る", "roadmap": "ロードマップ", "history": "履歴", "forms": "フォーム",
    "remove": "削除", "publish": "公開", "unpublish": "非公開", "drafts": "下書き", "discard": "破棄", "undo": "元に戻す",
    "propose": "提案", "synonyms": "同義語", "synonym": "類義語", "deadline": "締切変更", "place": "場所",
    "time": "時間", "reopen": "受付再開", "name": "名前", "english": "英訳",
}
JAPANESE_PATHS: dict[tuple[str, ...], str] = {
    ("checkin", "status"): "報告 未提出", ("checkin", "edit"): "報告 修正", ("faq", "close"): "FAQ 対応済み",
    # The meeting's previews and errors name 「今すぐ送信」 (「送信」 alone works too): one wording everywhere.
    ("meeting", "send-now"): "会議 今すぐ送信",
}


def japanese_path(path: tuple[str, ...]) -> str:
    """A command path in the Japanese words the help shows (`("meeting", "set")` -> 「会議 設定」)."""
    return JAPANESE_PATHS.get(path) or " ".join(JAPANESE_WORDS.get(w, w) for w in path)


def help_line(path: tuple[str, ...], text: str, lang: str) -> str:
    """A command's help line with its command words in the reader's language: the catalogue line
    starts with the words as registered (`meeting set …`); the Japanese help shows 「会議 設定 …」."""
    if lang == "en":
        return text
    words = text.split(" ")
    n = len(path)
    if len(words) >= n and tuple(canonical(w) for w in words[:n]) == path:
        return " ".join([japanese_path(path), *words[n:]])
    return text

_PREFIX = re.compile(r"^\s*[/／]\s*dx\b\s*", re.IGNORECASE)
_BARE_PREFIX = re.compile(r"^\s*dx\s+", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedCommand:
    """A command route found for a text, and the remaining argument text."""

    route: CommandRoute | None
    args: str
    words: tuple[str, ...]


def canonical(word: str) -> str:
    """Fold one command word to its English form."""
    folded = fold(word)
    return ALIASES.get(folded, ALIASES.get(word.strip(), folded))


def _prefix_length(text: str) -> int:
    """Length of a leading `/dx` or `dx` word (to NFKC-normalise only that part)."""
    m = re.match(r"^\s*/?\s*dx\b\s*", text, re.IGNORECASE)
    return m.end() if m else 0


def split_prefix(text: str, known_first_words: Iterable[str]) -> str | None:
    """If `text` is a typed command (`/dx ...`, or `dx <command word> ...`), return what follows.

    A bare `dx` prefix only counts when the next word is a command word, so a question such as
    「DX とは何ですか」 still reaches the FAQ desk.
    """
    # Full-width 「／ｄｘ　」 is typed as often as "/dx ": compare on the NFKC form, but return the
    # user's own argument text.
    normalised = text.replace("\u3000", " ")
    folded = unicodedata.normalize("NFKC", normalised)
    if len(folded) == len(normalised):
        normalised = folded[:_prefix_length(folded)] + normalised[_prefix_length(folded):]
    match = _PREFIX.match(normalised)
    if match:
        return normalised[match.end():]
    match = _BARE_PREFIX.match(normalised)
    if match:
        rest = normalised[match.end():]
        first = rest.split(maxsplit=1)[0] if rest.split() else ""
        if canonical(first) in set(known_first_words):
            return rest
    return None


def parse(text: str, routes: Iterable[CommandRoute]) -> ParsedCommand:
    """Find the longest registered command path at the start of `text`."""
    raw_words = text.replace("\u3000", " ").split()
    words = tuple(canonical(w) for w in raw_words)
    best: CommandRoute | None = None
    for route in routes:
        n = len(route.path)
        if words[:n] == route.path and (best is None or n > len(best.path)):
            best = route
    if best is None:
        return ParsedCommand(None, text.strip(), words)
    # Keep the user's original argument text (spacing, case, Japanese) after the command words.
    rest = text.replace("\u3000", " ").strip()
    for _ in best.path:
        parts = rest.split(maxsplit=1)
        rest = parts[1] if len(parts) > 1 else ""
    return ParsedCommand(best, rest.strip(), words)
