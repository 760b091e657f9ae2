"""Answer text cleaning before indexing: what a published FAQ page adds around the answer.

City FAQ pages append to every answer a list of related questions (関連するFAQ), a contact block
(【お問い合わせ】 department, phone, fax, mail form) and an update date. Indexed as answer text,
the related questions make an entry match *other* entries' topics, and the department names and
numbers make every entry of a department look alike. None of it says what the answer is about,
so it is removed before indexing (the stored answer shown to users is unchanged).
"""

from __future__ import annotations

import re

__all__ = ["clean_answer"]

# A line that opens a block of page furniture; the block runs to the next blank line (or the end).
_BLOCK_HEAD = re.compile(
    r"^\s*[【\[［(（<〈■◆●□◇◎▼▽]?\s*"
    r"(関連する\s*(faq|ＦＡＱ|よくある質問|質問|ページ|情報|リンク)|関連(faq|ＦＡＱ|情報|リンク|ページ)"
    r"|よくある質問|(この(ページ|faq|ＦＡＱ|記事|情報)に関する)?(お)?問(い)?合(わ)?せ(先)?|担当(課|部署)?|"
    r"連絡先|所管(課)?|参考(リンク|url|ＵＲＬ)?|外部リンク|添付ファイル)"
    r"\s*[】\]］)）>〉]?\s*[:：]?\s*$",
    re.IGNORECASE,
)
# One-line furniture anywhere: update dates, "mail form here", page ids.
_LINE = re.compile(
    r"^\s*(更新日|最終更新日|掲載日|公開日|登録日|faq\s*id|ページ番号|ID)\s*[:：]|"
    r"(メール|mail)(フォーム)?での?\s*お?問い?合わ?せ(はこちら)?\s*$|こちらから\s*お?問い?合わ?せ",
    re.IGNORECASE,
)
_PHONE = re.compile(
    r"(電話(番号)?|tel|ＴＥＬ|ファクス|ファックス|fax|ＦＡＸ|内線)\s*[:：]?\s*[\d０-９][\d０-９\-－‐ー()（）\s]{2,}"
    r"|\(?\d{2,5}\)?[\-－‐]\d{1,4}[\-－‐]\d{3,4}",
    re.IGNORECASE,
)
_MAIL_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+|[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def clean_answer(text: str) -> str:
    """*text* without related-question lists, contact blocks, numbers, dates, mail and URLs."""
    if not text:
        return ""
    kept: list[str] = []
    skipping = False
    for line in text.splitlines():
        if not line.strip():
            skipping = False
            continue
        if _BLOCK_HEAD.match(line):
            skipping = True
            continue
        if skipping or _LINE.search(line):
            continue
        kept.append(line)
    out = "\n".join(kept)
    out = _PHONE.sub(" ", out)
    return _MAIL_URL.sub(" ", out)
