"""The answer to a meeting said anywhere in a sentence (ninth round, 2026-12-06).

「定例会は出れそうにないです、窓口がいそがしくて」「すみません出れません、窓口当番なので」
「来週水曜の会議、でます！すこしおくれるかも」「やっぱ出張はいったんで欠席にしといて」: one clause is
the answer (出席・参加・出ます・出れます・行きます / 欠席・出れません・出られない・行けない・休みます・
欠席にしといて, ら抜き, kana, casual or polite, 〜そうにない, 〜かも), the rest is the reason or a note
(遅れる → 遅刻). Shared by the meetings job (which records the answer) and the FAQ desk's small talk
(which never logs such a line as a question), so both read the same sentences. Standard library only.
Text is folded (NFKC, lower case).
"""

from __future__ import annotations

import re
from typing import Literal

Answer = Literal["attend", "absent"]

# A question is never an answer: 「会議って何時から？」「案内っていつ送られるの」「出れないときは？」.
_QUESTION = re.compile(r"[?？]|(?:か|かな|でしょうか|っけ|の|ですか|ますか|かね)[。!！\s…]*$"
                       r"|(?:いつ|何時|なんじ|どこ|何日|なんにち|どうすれば|どうやって|どうしたら|方法|やり方|やりかた|ときは|場合は)")
# A problem with a tool is a question for the desk, not an answer: 「zoomで参加できません」「teamsの会議に出れない」
# 「オンラインで出られません、リンクが開かない」.
_TOOL = re.compile(r"zoom|ズーム|ずーむ|teams|チームズ|ちーむず|webex|ウェベックス|web|ウェブ|オンライン|おんらいん|リンク|url"
                   r"|パソコン|pc|カメラ|マイク|音声|画面|エラー|アプリ|ブラウザ|vpn|wi-?fi|ネット|回線|アカウント|パスワード"
                   r"|ログイン|招待|ミュート|接続|つなが|繋が|入れない|はいれない|開かない|ひらかない")
# Not being able to join ONLINE (eleventh round): a connection problem, not an absence, unless 欠席 is
# said too (「出張でzoomも無理、欠席します」). 「zoomで参加します」 says nothing is wrong.
_ONLINE = re.compile(r"zoom|ズーム|ずーむ|teams|チームズ|ちーむず|webex|ウェベックス|web会議|ウェブ会議|うぇぶ会議|オンライン|おんらいん"
                     r"|リモート|りもーと|テレビ会議|ビデオ会議"
                     r"|(?:リンク|url).*(?:参加|出席|会議|出れ|出られ)|(?:参加|出席|会議)\S*(?:リンク|url)")
_TROUBLE = re.compile(
    r"(?:つなが|繋が)(?:らな|りません|んな)|接続(?:でき|出来)(?:な|ません)|接続エラー|(?:入|はい)(?:れな|れません|れん)"
    r"|(?:参加|出席|ログイン|サインイン)(?:でき|出来)(?:な|ません|ず)|(?:出|で)(?:れ|られ)(?:な|ません)|(?:開|ひら)(?:か(?:な|ん)|きません)"
    r"|落ちる|落ちて|おちる|おちて|切れる|切れて|きれる|きれて|聞こえな|きこえな|映らな|うつらな|固まる|かたまる|エラー")
_EXPLICIT_ABSENT = re.compile(r"欠席|けっせき|不参加|お休み(?:し|で|に|させ)|休みます|やすみます|休ませ")
_CLEAR_QUESTION = re.compile(r"[?？]|(?:ですか|ますか|でしょうか|のか|んですか)[。\s]*$|どうすれば|どうしたら|どうやって|方法")


def online_trouble(folded: str) -> bool:
    """「zoomで参加できません」「teamsにつながらなくて参加できない」「オンライン会議に入れない」: a connection
    problem said as a sentence (not a question, not with 欠席 said)."""
    text = folded.strip()
    return (0 < len(text) <= 80 and bool(_ONLINE.search(text)) and bool(_TROUBLE.search(text))
            and not _EXPLICIT_ABSENT.search(text) and not _CLEAR_QUESTION.search(text))


_SPLIT = re.compile(r"[、,。!！\s…]+")
# What opens a clause without saying anything: 「すみません」「やっぱ」「多分」「その日は」 and the meeting named
# (「来週水曜の会議」「定例会は」「次回は」).
_LEAD = re.compile(
    r"^(?:(?:(?:あ|あっ|あー|えっと|えーと|うーん|はい|うん|じゃあ|じゃ|では|でも|ただ|あの)(?:[、,\s]+|$))"
    r"|(?:(?:すみません|すいません|ごめんなさい|申し訳(?:ありません|ございません|ないです)|お疲れ(?:様|さま)です|おつかれさまです"
    r"|やっぱり|やっぱ|やはり|結局|けっきょく|たぶん|多分|おそらく|ちょっと|正直|急に|きゅうに|今回は?|その日は?|当日は?"
    r"|残念ですが|残念ながら"
    r"|(?:来週|今週|次回|次|今度|明日|あした|今月|来月|\d{1,2}/\d{1,2}|\d{1,2}月\d{1,2}日)?の?"
    r"(?:(?:来週|今週|次|今度)?の?[月火水木金土日](?:曜日?|よう(?:び)?)の?)?"
    r"(?:推進員|兼務職員|dx)?(?:会議|かいぎ|定例会?|ていれい(?:かい)?|ミーティング|みーてぃんぐ|打ち合わせ|打合せ|連絡会)"
    r"(?:は|には|に|も|の件|ですが|ですけど)?"
    r"|どうしても|(?:来週|今週|次回|今度|今月|来月)(?:は|も)?)"
    r"(?:[、,\s]+|(?=.)|$)))+")
_CAN = r"(?:出れ|出られ|でれ|でられ|行け|参加でき|参加出来|出席でき|出席出来|伺え|うかがえ|参れ|まいれ|来れ|来られ)"
_WONT = r"(?:行き|いき|参加し|出席し|伺い|うかがい|参り|まいり)"
_NEG = (r"(?:ない|ません|なくなりました|なくなった|なくなっちゃいました|なくなっちゃった|なくなってしまいました|なくなりそう"
        r"|なさそう|なそう|そうにない|そうにありません|そうもない|そうもありません)")
_SOFT = (r"(?:です|んです|っす|ですね|んですよ|でした|かも(?:です|しれません|しれないです|しれない)?|と思います|と思う)*")
_ABSENT_VERB = (
    r"(?:" + _CAN + _NEG + r"|" + _WONT + r"ません"
    r"|(?:欠席|不参加|お休み|おやすみ)(?:で|に|と)?(?:します|しま[ーす]+|いたします|致します|する|です|で(?:お願いします|おねがいします)?"
    r"|させてください|させていただきます|させてもらいます|して(?:ください|おいてください|おいて|下さい)?|しといて(?:ください)?"
    r"|しておきます|しときます|しとく|しておいて|でお願い|お願いします|おねがいします|変更で|に変更|)"
    r"|休みます|やすみます|お休みします|休ませてください|休ませていただきます)")
_ATTEND_VERB = (
    r"(?:(?:出席|参加)(?:で|に)?(?:します|しま[ーす]+|いたします|致します|する|です|予定です|できます|出来ます|できそう(?:です)?"
    r"|で(?:お願いします|おねがいします)?|して(?:ください|おいてください|おいて)?|しといて(?:ください)?|しておきます|しときます|しとく"
    r"|お願いします|おねがいします|)"
    r"|出ます|でます|出まーす|でまーす|出れます|でれます|出られます|でられます|行きます|いきます|行けます|伺います|うかがいます"
    r"|参ります|まいります|" + _CAN + r"そう)")
# A reason and its joint in the same clause: 「出張はいったんで欠席にしといて」「研修があるので出れません」.
_JOINT = r"(?:のため|ため|なので|なんで|ので|んで|から|があるので|が入って|が入ったので|があって|がありまして|で)"
# 「出張が入ったので会議は欠席します」: the meeting may be named between the reason and the answer.
_CLAUSE = re.compile(r"^(?:(?P<reason>.+?)" + _JOINT + r"(?:会議|かいぎ|定例会?|ていれい(?:かい)?|ミーティング)?(?:は|には|も)?)?(?P<verb>" + _ABSENT_VERB + r"|" + _ATTEND_VERB + r")"
                     + _SOFT + r"(?:ごめんなさい|すみません|よろしくお願いします|お願いします)?$")
_DAY_OFF = re.compile(r"休み|やすみ|お休み|おやすみ|休ませ")
_TIME_OF_DAY = re.compile(r"午前|午後|今日|きょう|明日|あした|あす|\d+時|夕方|朝|昼")
_HEDGE = re.compile(r"かも|と思|たぶん|多分|おそらく")
_LATE = re.compile(r"(?P<amount>\d+分(?:ほど|くらい|ぐらい|程度)?)?(?:ほど|くらい|ぐらい)?(?:遅れ|おくれ|遅刻|ちこく)")
_REASON_END = re.compile(r"(?:のため|ため|なので|なんで|ので|んで|から|なんです|んです|です|でして|があって|があり|して|で)+$")
_NOTE_WORDS = re.compile(r"^(?:よろしくお願いします|よろしくおねがいします|お願いします|ごめんなさい|すみません|すいません"
                         r"|以上です|です|ね|よ|ー+)$")


def read_answer(folded: str) -> tuple[Answer, str] | None:
    """("attend" | "absent", note) when one clause of the message is an answer to a meeting and the
    rest is a reason or a note; None for anything else (a question, a long text, two answers).
    A hedged absence (「〜かも」) keeps 「（未確定）」; lateness is the note 遅刻 (with its minutes)."""
    text = folded.strip()
    if not text or len(text) > 80 or "\n" in text or _QUESTION.search(text):
        return None
    if _TOOL.search(text) and (_TROUBLE.search(text) or not _ONLINE.search(text)) and not _EXPLICIT_ABSENT.search(text):
        return None  # a problem with a tool (「リンクが開かない」「zoomで参加できません」) is not an answer
    clauses = [c for c in _SPLIT.split(text) if c]
    found: list[tuple[int, str, str]] = []
    for i, clause in enumerate(clauses):
        m = _CLAUSE.match(_LEAD.sub("", clause))
        if m and _DAY_OFF.match(m.group("verb")) and _TIME_OF_DAY.search(text):
            continue  # 「明日休みます」「午後から休みます」: a day off, not the meeting
        if m:
            kind = "absent" if re.match(_ABSENT_VERB, m.group("verb")) else "attend"
            found.append((i, kind, _LEAD.sub("", m.group("reason") or "")))
    if len({kind for _, kind, _ in found}) != 1:
        return None
    index, kind, reason = found[0]
    notes = [reason] if reason else []
    for i, clause in enumerate(clauses):
        if i == index or _NOTE_WORDS.match(clause) or (i != index and any(i == j for j, _, _ in found)):
            continue
        part = _REASON_END.sub("", _LEAD.sub("", clause))
        if part:
            notes.append(part)
    late = [m for m in map(_LATE.search, notes) if m]
    if kind == "attend" and late:
        amount = late[0].group("amount")
        return "attend", f"遅刻（{amount}）" if amount else "遅刻"
    if kind == "attend" and notes:
        notes = _online_first(notes)
    note = "、".join(notes)
    if kind == "absent" and _HEDGE.search(text):
        note = f"{note}（未確定）" if note else "未確定"
    return kind, note


# Eleventh round (2026-12-06): attending said with how — online or at the venue (「オンラインで出席します」
# 「かいぎ、オンラインでさんかします」「teamsで参加でもいい?」「オンラインで」「会議はオンライン参加で」「やっぱ会場
# いきます」) — and a change of mind to attending (「やっぱり出れることになった」). `read_answer` leaves any
# line naming a tool to the desk (a connection problem); these shapes name the mode and an attending verb
# only, never a negation or a question about it (「オンラインで参加できますか？」).
Mode = Literal["online", "venue", ""]
_ONLINE_MODE = (r"(?:オンライン|おんらいん|online|リモート|りもーと|remote|web|ウェブ|zoom|ズーム|ずーむ|teams|チームズ|ちーむず"
           r"|webex|ウェベックス)")
_VENUE = r"(?:会場|かいじょう|現地|げんち|対面|たいめん|会議室|かいぎしつ)"
_MODE_VERB = (r"(?:(?:出席|しゅっせき|参加|さんか)(?:で|に)?(?:します|しま[ーす]+|いたします|致します|する|です|予定です|させてください"
              r"|で(?:お願いします|おねがいします)?|お願いします|おねがいします|)"
              r"|出ます|でます|出まーす|でまーす|出る|でる|行きます|いきます|行く|いく|入ります|はいります|はいる|入る"
              r"|伺います|うかがいます|参ります|まいります)")
_MAY = r"(?:でも|で)?(?:いい|良い|よい|大丈夫|だいじょうぶ|ok|おk|可能)(?:です|ですか|でしょうか|かな|ですかね)?"
_MODE_ANSWER = re.compile(
    r"^(?P<mode>" + _ONLINE_MODE + r"|" + _VENUE + r")(?:会議)?(?:で|から|にて|の)?[、,\s]*(?P<verb>" + _MODE_VERB + r")?"
    r"(?P<may>" + _MAY + r")?" + _SOFT + r"(?:よろしくお願いします|お願いします|おねがいします)?[?？!！。\s…]*$")
_NOW_ABLE = re.compile(
    r"^(?:" + _CAN + r"る|いけ|いけ?る|出席できる|参加できる)(?:ことになった|ことになりました|ことになりましたので|ようになった"
    r"|ようになりました|ことになったので|ことになったから)(?:出席します|参加します|出ます|でます)?" + _SOFT + r"[!！。\s…]*$")


def read_mode_answer(folded: str) -> tuple[Answer, Mode] | None:
    """("attend", "online" | "venue" | "") for 「オンラインで出席します」「会場でしゅっせきします」「オンラインで」
    (a bare mode: the caller takes it as an answer only from someone invited) 「teamsで参加でもいい?」 and
    「やっぱり出れることになった」; None for anything else (a negation, a question, a long text)."""
    text = folded.strip()
    if not text or len(text) > 40 or "\n" in text:
        return None
    text = _LEAD.sub("", text).strip(" 、,")
    if m := _MODE_ANSWER.match(text):
        if m.group("verb") is None and not text[m.end("mode"):].startswith("で"):
            return None  # 「オンライン」「会場」 alone name a thing, not an answer: 「オンラインで」 is one
        if re.search(r"[?？]|か(?:な|ね)?[?？。\s]*$", text) and m.group("may") is None:
            return None
        return "attend", "online" if re.match(_ONLINE_MODE, m.group("mode")) else "venue"
    if re.search(r"[?？]", text):
        return None
    if _NOW_ABLE.match(text):
        return "attend", ""
    return None


def bare_mode(folded: str) -> bool:
    """「オンラインで」「会場で」「リモートでお願いします」: how, with no attending verb (thirteenth round: from an
    admin who is not an invitee it may be the meeting's place as well as an answer)."""
    text = _LEAD.sub("", folded.strip()).strip(" 、,")
    m = _MODE_ANSWER.match(text)
    return bool(m and m.group("verb") is None and m.group("may") is None and read_mode_answer(folded) is not None)


# Twelfth round (2026-12-06): 「てれわーくなのでリモートで参加します」 names how before the verb, after a
# reason: the mode is the note as the office writes it (オンライン), the reason kept after it
# (「出席（オンライン、テレワーク）」), never 「てれわーくなのでリモート」.
_REASON_THEN_ONLINE = re.compile(r"^(?:(?P<why>.+?)(?:のため|ため|なので|なんで|ので|んで|から|で)[、,\s]*)?"
                                 + _ONLINE_MODE + r"(?:会議)?(?:で|から|にて)?$")
_WHY_WORDS = {"てれわーく": "テレワーク", "テレワーク中": "テレワーク", "てれわーく中": "テレワーク",
              "ざいたく": "在宅", "ざいたくきんむ": "在宅勤務"}


def _online_first(notes: list[str]) -> list[str]:
    for i, note in enumerate(notes):
        m = _REASON_THEN_ONLINE.match(note)
        if m:
            why = (m.group("why") or "").strip()
            rest = [n for j, n in enumerate(notes) if j != i]
            return ["オンライン", *([_WHY_WORDS.get(why, why)] if why else []), *rest]
    return notes


# Thirteenth round (2026-12-06): the reason of an absence without the joint that tied it to the verb.
# 「出張が入ったので欠席します」 was kept as 「出張が入ったの」 (a parser took 「で」 as the joint), 「体調不良なんで
# 休みます」 as 「体調不良なん」. Whatever reading found the reason, it ends here: the conjunctive ending
# (ので・から・ため・なので・んで・ですので・があって・があるので…) goes, and so does what a parser left
# of one (the 「の」 of ので after a verb, the 「なん」 of なんで). 「研修があって」 → 「研修」,
# 「子どもが熱を出したので」 → 「子どもが熱を出した」; a reason in て-form (「窓口がいそがしくて」) stays.
_ABSENCE_JOINT = re.compile(
    r"(?:があるので|があるから|があるため|があって|があり|がありまして|がありますので|がありますから"
    r"|ですので|ですから|でして|なので|なんで|なため|のため|だから|ので|んで|から|ため|ためです)$")
_JOINT_LEFT = re.compile(r"(?:(?<=[たっだるいう])の|(?<=[たっだるいう])ん|(?<=[^\sな])なん|(?<=そう)な)$")
_REASON_EDGE = " 。、,.!！…"


# Fourteenth round (2026-12-06): 「出張なくなったので出ます」 after an absence is why the absence went away,
# not a note of the attendance (it was kept as 「出席（出張なくなった）」): what is said back and stored is
# 「出席」, the old reason gone with the old answer.
_PLAN_CHANGED = re.compile(
    r"(?:なくなった|なくなりました|なくなって|無くなった|中止になった|中止になりました|キャンセルになった"
    r"|延期になった|取りやめになった|とりやめになった|終わった|終わりました|治った|治りました|よくなった|良くなった"
    r"|よくなりました|良くなりました|回復した|空いた|あいた|空きました|大丈夫になった|都合がついた|都合がつきました)$")


def plan_changed(note: str) -> bool:
    """「出張なくなった」「研修が中止になった」「熱が下がって良くなった」: the note of an attendance that only says
    why an absence went away (see above)."""
    return bool(_PLAN_CHANGED.search(absence_reason(note)))


def absence_reason(reason: str) -> str:
    """The reason of an absence as the organiser reads it, without its conjunctive ending (see above).
    Each part of a list (「出張が入ったので、すみません」) is trimmed on its own."""
    parts = []
    for part in re.split(r"[、,]", reason):
        text = part.strip(_REASON_EDGE)
        while True:
            before = text
            text = _ABSENCE_JOINT.sub("", text).strip(_REASON_EDGE)
            if text == before:
                text = _JOINT_LEFT.sub("", text).strip(_REASON_EDGE) if len(text) > 2 else text
            if text == before:
                break
        if text:
            parts.append(text)
    return "、".join(parts)
