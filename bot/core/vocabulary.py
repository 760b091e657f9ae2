"""The words every conversation understands the same way, in one place.

Handlers and the forms engine take their control words from here, so "cancel" (やめる, キャンセル,
quit, …) means the same in every dialog — FAQ desk, meetings, check-ins, assessment — on every
platform. A word set is compared with `key()`: width, case, spaces, quotes, trailing punctuation and
the hiragana/katakana difference do not matter (「キャンセル」「きゃんせる」「ｷｬﾝｾﾙ」「Cancel!」).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from bot.core import kana

_NOISE = re.compile(r"[\s「」『』\"'“”‘’。、,.!！?？~〜♪]")


def key(text: str) -> str:
    """The comparison key of a short reply (idempotent: key(key(x)) == key(x))."""
    folded = unicodedata.normalize("NFKC", text or "").lower()
    out = "".join(chr(ord(ch) - 0x60) if 0x30A1 <= ord(ch) <= 0x30F6 else ch for ch in folded)
    stripped = _NOISE.sub("", out)
    # A reply made only of punctuation ("?") keeps it: it is a word of its own.
    return stripped or re.sub(r"\s", "", out)


class WordSet:
    """A set of equivalent words; `text in words` compares by `key()`."""

    def __init__(self, *words: str) -> None:
        self.words = tuple(words)
        self._keys = frozenset(key(w) for w in words)

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and key(text) in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def __or__(self, other: WordSet) -> WordSet:
        return WordSet(*self.words, *other.words)

    def __repr__(self) -> str:
        return f"WordSet{self.words!r}"


# Stop the open dialog for now (a form keeps its answers as a draft; 「続きから」 continues).
CANCEL_WORDS = WordSet(
    "やめる", "やめます", "やめて", "やめたい", "止める", "辞める", "中断", "中断する", "中断します", "中止", "中止する",
    "キャンセル", "キャンセルする", "キャンセルします", "終了", "終わり", "おわり", "あとで", "後で", "また後で",
    "あとでやる", "休憩", "cancel", "stop", "quit", "exit", "pause", "later",
)
# Said with a command that sends to many people: send now even outside office hours (meetings'
# send-now, the check-in and assessment invitations). One set for every job: the meetings' own
# 「今すぐ」「すぐ」 are here too, so a word that forces one send forces them all.
FORCE_WORDS = WordSet("強制", "強制送信", "今すぐ送信", "きょうせい", "今すぐ", "いますぐ", "すぐ", "force", "now")
BACK_WORDS = WordSet("戻る", "もどる", "戻って", "戻ります", "前へ", "前に戻る", "前の質問", "ひとつ前", "一つ前",
                     "back", "previous", "prev")
SKIP_WORDS = WordSet("スキップ", "とばす", "飛ばす", "パス", "回答しない", "skip", "pass")
HELP_WORDS = WordSet("ヘルプ", "help", "?", "使い方", "説明")
RESUME_WORDS = WordSet("続きから", "つづきから", "続き", "つづき", "さっきの続き", "さっきのつづき", "さっきの続きから",
                       "さっきのつづきから", "続きをお願いします", "再開", "再開する", "再開します", "続ける",
                       "続けます", "resume", "continue")
# Job-specific ways to say 「続きから」 (they resume that job, not the most recent pause).
# Typed in kana as often as in kanji (「しんだんのつづき」).
RESUME_CHECKIN_WORDS = WordSet("報告の続き", "報告を再開", "進捗報告の続き", "報告のつづき", "ほうこくのつづき",
                               "報告の続きから", "ほうこくのつづきから", "しんちょくほうこくのつづき")
RESUME_ASSESSMENT_WORDS = WordSet("診断を再開", "診断の続き", "アセスメントを再開", "アセスメントの続き", "診断のつづき",
                                  "しんだんのつづき", "しんだんの続き", "診断の続きから", "しんだんのつづきから",
                                  "しんだんをさいかい", "診断の続きをやる", "しんだんのつづきやる", "診断の続きやります")
SAME_WORDS = WordSet("先月と同じ", "前回と同じ", "同じ", "同じです", "変わらず", "変更なし", "same", "same as last",
                     "same as last month", "unchanged")
YES_WORDS = WordSet(
    "はい", "はいあります", "はいお願いします", "うん", "ええ", "そうです", "お願いします", "おねがいします", "お願い",
    "ある", "あります", "あり", "有", "有り", "する", "します", "〇", "○", "o", "ok", "おk", "おけ", "yes", "y", "true",
)
NO_WORDS = WordSet(
    "いいえ", "いいえありません", "いや", "ない", "ありません", "なし", "無", "無し", "特になし", "とくになし", "特に無し",
    "特にない", "とくにない", "しない", "しません", "いらない", "不要", "不要です", "結構です", "だめ", "違う",
    "ちがう", "×", "x", "no", "n", "false",
)
SUBMIT_WORDS = WordSet("送信", "送信する", "送信します", "そうしん", "提出", "提出する", "提出します", "ていしゅつ",
                       "これで送信", "これでok", "確定", "かくてい", "送って", "おくって", "submit", "send") | YES_WORDS
# 「おっけー」「それで」「これでいいです」 at a form's review: send (only there — typed to a free-text
# question or the FAQ desk they are not button words).
REVIEW_SEND_WORDS = WordSet("送ってください", "送信して", "送信してください", "提出して", "提出してください", "おっけー",
                            "おっけ", "オッケー", "おーけー", "それで", "それでいい", "それでいいです", "それでok", "これで",
                            "これでいい", "これでいいです", "これで大丈夫", "大丈夫です", "問題ない", "問題なし",
                            "問題ありません", "いいです", "いいよ", "送って", "送っといて", "送っておいて", "送っちゃって",
                            "送ります", "送信します", "出して", "出しといて", "提出します") | SUBMIT_WORDS
# 「そのままで」 to a question shown again (after 戻る or 「変更 3」): keep the answer it has and move on.
KEEP_WORDS = WordSet("そのまま", "そのままで", "そのままでいい", "そのままでいいです", "そのままでok", "そのままでお願いします",
                     "このまま", "このままで", "このままでいい", "今のまま", "いまのまま", "今のままで", "いまのままで",
                     "変更なし", "変更なしで", "変更しない", "変更しません", "変えない", "変えません", "直さない",
                     "同じ", "同じで", "同じです", "そのまま進む", "ok", "おっけー", "オッケー", "keep", "no change",
                     "unchanged", "keep it")
# 「結果みせて」 inside a poll: the result comes after the last question (said, not refused).
RESULT_WORDS = WordSet("結果", "結果は", "結果みせて", "結果見せて", "結果をみせて", "結果を見せて", "結果を見たい",
                       "結果みたい", "結果見たい", "結果表示", "結果を表示", "診断結果", "けっか", "result", "results",
                       "show result", "show results", "finish", "done")
# 「特になし」 to an optional free-text question: nothing to say (the question is skipped).
NOTHING_WORDS = WordSet("特になし", "とくになし", "特に無し", "特に無い", "特にない", "とくにない", "特にありません", "とくにありません",
                        "なし", "無し", "ない", "ありません", "なにもない", "何もない", "none", "nothing", "n/a")
# 「わからない」 to a number question: answered in the form (an estimate, 「0」, or skipped if optional).
UNKNOWN_WORDS = WordSet("わからない", "分からない", "わかりません", "分かりません", "わかんない", "わかんないです",
                        "わからないです", "分からないです", "不明", "不明です", "まだわからない", "まだ分からない",
                        "まだわかりません", "まだ分かりません", "まだ不明", "未定", "未定です", "知らない", "しらない",
                        "把握していない", "把握してない", "把握していません", "don't know", "dont know", "unknown",
                        "not sure")
# The FAQ desk's 「解決しましたか？」 and 「担当者に転送しますか？」 also take these.
SOLVED_WORDS = WordSet("解決", "解決した", "解決しました", "大丈夫", "大丈夫です", "助かりました", "転送して",
                       "転送する", "転送してください", "転送をお願いします",
                       # casual and polite thanks for an answer that helped
                       "助かった", "助かったよ", "助かります", "たすかった", "たすかりました", "役に立った", "役に立ちました",
                       "参考になった", "参考になりました", "参考になります", "できた", "できました", "出来た", "出来ました",
                       "解決したよ", "解決です", "いけた", "いけました", "うまくいった", "うまくいきました", "ばっちり",
                       "solved", "it worked")
UNSOLVED_WORDS = WordSet("解決しない", "解決しなかった", "解決していません", "転送しない",
                         # casual and polite ways to say the answer did not help
                         "役に立たなかった", "役に立たない", "役に立ちませんでした", "役立たなかった", "役に立ってない",
                         "参考にならなかった", "参考になりませんでした", "解決してない", "解決しませんでした", "解決せず",
                         "違った", "違いました", "ちがった", "ちがいました", "違うかも", "違います", "ちがいます",
                         "だめだった", "ダメだった", "だめでした", "ダメでした", "だめ", "ダメ", "無理", "むり",
                         "できなかった", "できませんでした", "出来なかった", "うまくいかない", "うまくいかなかった",
                         "わからなかった", "分からなかった", "意味がわからない", "知りたいのはそれじゃない", "それじゃない",
                         "そうじゃない", "そういうことじゃない", "微妙", "びみょう", "微妙です", "微妙かな", "いまいち", "イマイチ",
                         "not helpful", "didn't help", "did not help", "not solved",
                         # English as staff type it (fourteenth round: 「that didnt help」 was a new question)
                         "didnt help", "that didn't help", "that didnt help", "it didn't help", "it didnt help",
                         "that did not help", "didn't work", "didnt work", "it didn't work", "it didnt work",
                         "that didn't work", "that didnt work", "doesn't work", "doesnt work", "still not working",
                         "not what i meant", "not what i asked", "wrong answer", "no luck", "nope")
NONE_OF_THEM_WORDS = WordSet("どれでもない", "どれも違う", "どれもちがう", "該当なし", "なし", "none", "0")
# A skill-assessment answer (the bundled four levels, as shown or said casually): typed with no poll
# open it is a stray answer, never a question (the FAQ desk neither searches nor logs it).
POLL_LEVEL_WORDS = WordSet(
    "理解し実践している", "理解し実践してる", "理解し実践しています", "理解し実践してます", "実践している", "実践してる", "実践しています", "実践してます",
    "使いこなしている", "使いこなしてる", "使いこなせる", "仕事で使っている", "仕事で使ってる",
    "理解している", "理解してる", "理解しています", "理解してます", "理解済み", "だいたいわかる", "一応わかる",
    "まあまあわかる",
    "聞いたことがある", "聞いたことある", "聞いたことあります", "聞いたことがあります", "きいたことがある", "きいたことある",
    "名前だけ知ってる", "聞いたことがない", "聞いたことない", "聞いたこともない",
    "聞いたことがありません", "きいたことがない", "きいたことない", "理解していない", "理解してない", "理解していません",
    "ぜんぜんわからない", "全然わからない", "全然分からない", "ぜんぜんわからん", "全然わからん", "さっぱりわからない",
    "まったくわからない", "全くわからない",
    "i understand it and use it", "i understand it", "i have heard of it", "i don't know it",
    "知っている", "知ってる", "知ってます", "知らない", "知りません", "実践",
)
# A check-in status typed with no form asking (「みちゃくしゅ」「進行中です」): an answer, not a question.
CHECKIN_STATUS_WORDS = WordSet("未着手", "着手前", "手つかず", "進行中", "作業中", "対応中", "実施中", "完了", "遅延",
                               "遅れている", "not started", "in progress", "done", "late")
# 「やってみる」「はじめます」: a go-ahead to an invitation (to the assessment), never a question.
GO_AHEAD_WORDS = WordSet("やってみる", "やってみます", "やってみよう", "やってみたい", "やります", "やる", "やろう",
                         "はじめます", "はじめる", "はじめよう", "始めます", "始める", "受けます", "受ける", "受けてみる",
                         "受けてみます", "回答します", "答えます", "いまやります", "今やります", "さっそくやります",
                         "早速やります", "let's start", "i'll do it")


def is_stray_answer(text: str) -> bool:
    """「しってる」「りかいしじっせんしている」「みちゃくしゅ」「やってみる」: a poll level, a check-in status
    or a go-ahead, read as :mod:`bot.core.kana` reads them (kana, casual, polite, one typo), not a
    question."""
    return is_poll_level(text) or kana.reads_as(text, CHECKIN_STATUS_WORDS) or kana.reads_as(text, GO_AHEAD_WORDS)


def is_poll_level(text: str) -> bool:
    """A skill-assessment level, in kanji or kana, casual or polite (「りかいしてる」「知ってます」)."""
    return kana.reads_as(text, POLL_LEVEL_WORDS)

# A message that reads as a question or a request for help rather than an answer to a form.
_QUESTION = re.compile(
    r"(\?|？|ですか|ますか|でしょうか|ませんか|かな$|教えて|おしえて|どうすれば|どうやって|どうしたら|"
    r"方法|やり方|忘れ|わすれ|できない|できません|出来ない|出来ません|わからない|分からない|わかりません|分かりません|"
    r"知りたい|困って|こまって|使えない|つながらない|繋がらない|ログインでき|エラー)"
)


# Casual question endings with no 「？」: 「どう使うんでしたっけ」「どうやるの」「どこで申請するの」
# 「いつまでだっけ」「何件だったかな」 (the last only with a question word: 「たぶん40件かな」 is an answer).
_CASUAL_QUESTION = re.compile(
    r"(?:っけ|っけか|っけな)[?？。]*$"
    r"|どう(?:使|つか|やる|やれば|やったら|する|すれば|したら|すんの|やんの)"
    r"|(?:どこ|いつ|なに|なん|何|誰|だれ|どれ|どの|どっち|なぜ|なんで|どうして|どういう|どんな|いくら)"
    r"[^。!！]{0,20}(?:の|のか|のかな|かな|か|んだろう|んだろ|でしょう|ですか)[?？。]*$"
    r"|(?:んですか|のですか|んでしょうか|のでしょうか|いいの|できるの|あるの|なるの|使えるの|するの|やるの)[?？]+$"
    # 「会議室のよやくってどこから」「申請って誰に」: a topic, then a question word left hanging.
    r"|(?:って|ってさ)(?:どこ|いつ|なに|なん|何|誰|だれ|どれ|どう|どうやって|どうやる|どうすんの)(?:から|で|に|まで|へ|を)?[?？。]*$")
# 「たぶん40件かな」「30くらいかな？」「ふたつかな」: a number said with a hedge — an answer.
_HEDGED_NUMBER = re.compile(
    r"(?:[0-9一二三四五六七八九十百千]+|(?:ひと|ふた|みっ|よっ|いつ|むっ|なな|やっ|ここの)つ)\s*(?:件|個|つ|本|人|名|%|割|パーセント)?(?:くらい|ぐらい|程度|ほど|前後|位)?"
    r"(?:かな|かも|かと|だと思う|だと思います|ですかね|かなあ|かなー|かなぁ)[?？。]*$")
_QUESTION_WORD = re.compile(r"どこ|いつ|なに|何を|何が|何で|誰|だれ|どれ|どの|どっち|なぜ|なんで|どうして|どう")


def looks_like_question(text: str) -> bool:
    """「パスワードを忘れました」「Zoomは使えますか？」「vlookupってどう使うんでしたっけ」「会議室の
    よやくってどうやるの」: a question or a plea, not a form's answer. A number said with a hedge
    (「たぶん40件かな」「30くらいかな？」) is an answer, not a question."""
    folded = unicodedata.normalize("NFKC", text or "").strip()
    if len(folded) < 4:
        return False
    if _HEDGED_NUMBER.search(folded) and not _QUESTION_WORD.search(folded) and len(folded) <= 30:
        return False
    return bool(_QUESTION.search(folded) or _CASUAL_QUESTION.search(folded))


# What is said around a question without changing it: 「そういえば」「ところで」「あのー」「すみません」.
_ASIDE_OPENING = re.compile(
    r"^(?:(?:てか|ていうか|というか|そういえば|そう言えば|ところで|ちなみに|あと|あの|あのー|あのう|えっと|えーと|すみません|すいません"
    r"|ごめんなさい|ちょっと|話は変わりますが|話変わるけど|別件ですが|別件で|別件)[ー〜~、,。.!！\s]*)+")
# A sentence that asks (an interrogative ending, 「教えて」, 「どう使う」): clearly a question, unlike
# a plea (「VPNがつながらないんだけど」), which could also be what a free-text answer says.
_ASKS_CLEARLY = re.compile(
    r"[?？]|(?:ですか|ますか|でしょうか|ませんか|でしょうかね)[。]*$|教えて|おしえて|知りたい|しりたい"
    r"|どうやって|どうすれば|どうしたら")


def is_clear_question(text: str) -> bool:
    """「そういえば会議室のよやくってどうやるの」「ところでvlookupってどう使うんでしたっけ」「Zoomは使えますか」:
    a sentence that asks, clearly — not a plea or a statement that a free-text answer could be."""
    folded = unicodedata.normalize("NFKC", text or "").strip()
    plain = _ASIDE_OPENING.sub("", folded).strip()
    if len(plain) < 4 or not looks_like_question(folded):
        return False
    return bool(_ASKS_CLEARLY.search(plain) or _CASUAL_QUESTION.search(plain))


# Export options: whether CSV files start with a UTF-8 BOM (Excel on Windows needs it for Japanese).
BOM_WORDS = {"bom": True, "bomあり": True, "nobom": False, "bomなし": False, "utf8": False, "utf-8": False}


# A pause said in a sentence, at its end: 「ちょっと会議なのでまたあとで」「電話なので一旦やめます」
# 「あとでやる」「会議入るから中断で」 — a reason clause (…ので/から/けど) or nothing, softeners, then
# a pause word and its polite or casual tail. Short sentences only: a long message is a question.
_LATER_SENTENCE = re.compile(
    r"^(?:.{0,30}?(?:ので|から|けど|けれど|ため|んで|すみません|すいません|ごめんなさい|ごめん))?"
    r"(?:また|ちょっと|いったん|一旦|少し|すこし|じゃあ|じゃ|では|それでは|今日は|きょうは|今は|いまは)*"
    r"(?:あとで|後で|のちほど|後ほど|またこんど|また今度|中断|やめ|止め|休憩|きゅうけい|すとっぷ|ひとやすみ|一休み)"
    r"(?:やる|やります|やろう|やりたい|する|します|しよう|したい|させて|させてください|答える|答えます|回答する"
    r"|回答します|続ける|続けます|ておく|ておきます|とく|ときます|とこう|ておこう|にする|にします|にして|ます|る|て|で|ね|よ|です"
    r"|お願いします|おねがいします|聞く|聞きます|きく|ききます|確認する|確認します|調べる|調べます|見る|見ます|みます)*$")
# 「会議があるので今日はできないです」「今はむり」: not now (a level word alone, 「できない」, is still 4).
_NOT_NOW = re.compile(
    r"^(?:.{0,30}?(?:ので|から|けど|ため|んで|すみません|すいません|ごめんなさい|ごめん))?(?:ちょっと)?(?:今日は|きょうは|今は|いまは)(?:ちょっと)?"
    r"(?:できない|できません|出来ない|無理|むり|答えられない|回答できない)(?:んです|です|かも|すみません|ごめんなさい)*$")


def says_later(text: str) -> bool:
    """A short sentence that puts the open form or poll off (「ちょっと電話きたのでまたあとで」
    「今日はちょっと無理です」), in any dialog. *text* may be raw: spaces and punctuation are
    dropped, katakana read as hiragana."""
    said = unicodedata.normalize("NFKC", text or "").lower()
    said = re.sub(r"[\s、。，．,.!！?？・「」『』()（）\-ー〜~]+", "", said)
    said = "".join(chr(ord(ch) - 0x60) if "\u30a1" <= ch <= "\u30f6" else ch for ch in said)
    return 0 < len(said) <= 40 and bool(_LATER_SENTENCE.match(said) or _NOT_NOW.match(said))


def is_cancel(text: str) -> bool:
    """「やめる」「キャンセル」「quit」… in any dialog."""
    return text in CANCEL_WORDS


def is_resume(text: str) -> bool:
    """「続きから」「再開」… alone, or in a sentence about nothing else (「お疲れさまです。さっきの続きから」)."""
    return text in RESUME_WORDS or resume_target(text) == ""


# Around a wish to resume: greetings, 「戻りました」, apologies and fillers (「もどりました。」「お疲れさまです、」).
_RESUME_AROUND = re.compile(
    r"^(?:お疲れ様です|お疲れさまです|おつかれさまです|お疲れ様|お疲れさま|おつかれさま|おつかれです|お疲れです|おつかれ|お疲れ"
    r"|こんにちは|こんにちわ|おはようございます|おはよう|どうも|ただいま戻りました|ただいまもどりました|ただいま"
    r"|戻りました|もどりました|戻った|もどった|戻ってきました|もどってきました|お待たせしました|おまたせしました|お待たせ|おまたせ"
    r"|すみません|すいません|失礼しました|あの|あのー|えっと|えーと|じゃあ|じゃ|では|それでは|さて|よし|あっ|ああ|あ|はい"
    r"|会議終わりました|会議がおわりました|会議おわりました|電話終わりました|電話おわりました|終わりました|おわりました)+")
# The wish itself: 「報告のつづきやります」「さっきの続きから」「診断を再開したい」「続きをお願いします」.
_RESUME_SENTENCE = re.compile(
    r"^(?:さっきの|さっき|先ほどの|さきほどの|前回の|この前の|途中の|とちゅうの|中断した|ちゅうだんした)?"
    r"(?P<what>(?:今月の|こんげつの|月次|げつじ)?(?:進捗|しんちょく)?(?:報告|ほうこく)|(?:すきる)?(?:診断|しんだん)"
    r"|あせすめんと|ふぉーむ|入力|にゅうりょく|やつ)?(?:の|を)?"
    r"(?:続き|つづき|再開|さいかい)(?:から|を)?"
    r"(?:やります|やる|やろう|やりたい|やりたいです|します|する|しよう|したい|したいです|お願いします|おねがいします|お願い"
    r"|おねがい|始めます|はじめます|入力します|答えます|こたえます|させてください|させて|です|で|ね|よ|から)*$")


def resume_target(text: str) -> str | None:
    """A sentence that only asks to go on with a paused form: 「」 (whatever was paused: 「お疲れさまです。
    さっきの続きから」), 「checkin」 (「もどりました。報告のつづきやります」) or 「assessment」
    (「診断のつづき」); None for anything else (a question about reports, an answer)."""
    said = unicodedata.normalize("NFKC", text or "").lower()
    said = re.sub(r"[\s、。，．,.!！・「」『』()（）〜~♪]+", "", said)
    said = "".join(chr(ord(ch) - 0x60) if "\u30a1" <= ch <= "\u30f6" else ch for ch in said)
    if not said or len(said) > 50 or "?" in said or "？" in said:
        return None
    plain = _RESUME_AROUND.sub("", said)
    m = _RESUME_SENTENCE.match(plain) if plain else None
    if m is None:
        return None
    what = m.group("what") or ""
    if "報告" in what or "ほうこく" in what:
        return "checkin"
    if "診断" in what or "しんだん" in what or "あせすめんと" in what:
        return "assessment"
    return ""


def yes_or_no(text: str) -> bool | None:
    """True for はい/ある/yes…, False for いいえ/ない/no…, None otherwise."""
    if text in YES_WORDS:
        return True
    if text in NO_WORDS:
        return False
    return None
