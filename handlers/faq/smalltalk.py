"""Recognise greetings, thanks and requests for help so they never fall through to the FAQ."""

from __future__ import annotations

import functools
import re

from bot.core import vocabulary
from bot.core.messages import office_name
from bot.core.rsvp_words import read_answer
from bot.core.text import fold
from bot.core.vocabulary import (
    NO_WORDS,
    NONE_OF_THEM_WORDS,
    SOLVED_WORDS,
    UNSOLVED_WORDS,
    YES_WORDS,
)

_TAIL = r"[\s!！。.、,~〜ー～♪☺️🙏😊]*(です|ございます|ございました|ね|よ|です。|)?[\s!！。.、,~〜ー～♪🙏😊]*"

_GREETING = re.compile(
    r"^(こんにちは|こんにちわ|こんちは|こんちわ|ちわ|ちは|こんばんは|こんばんわ|おはよう(ございます)?|おはよー|はじめまして|"
    r"よろしく(お願いします|おねがいします|お願いいたします)?|お疲れ様(です)?|おつかれさま(です)?|"
    r"お疲れさま(です)?|おつかれ(さま)?|もしもし|やあ|どうも|hello|hi|hey|good (morning|afternoon|evening))"
    + _TAIL + "$"
)
# The greeting a message opens with (what follows may be small talk).
_GREETING_HEAD = re.compile(
    r"^(こんにちは|こんにちわ|こんばんは|こんばんわ|おはよう(ございます)?|おはよー|お疲れ様(です)?|おつかれさま(です)?|"
    r"お疲れさま(です)?|おつかれ(さま|です)?|どうも|やあ|hello|hi|hey)[\s!！。.、,~〜ー～♪]*"
)
_THANKS = re.compile(
    r"^(ありがとう(ございます|ございました)?|ありがと|有難う(ございます|ございました)?|"
    r"助かりました|助かります|たすかりました|了解(しました|です)?|わかりました|分かりました|"
    r"承知しました|サンキュー|さんきゅー|thanks?( you)?|thx|ok|okay|おけ|りょ|"
    r"thank you( so| very)? much|thanks( so| very)? much|thanks a lot|many thanks|much appreciated|"
    r"cheers|got it|ok,? thanks?|ok,? thank you|great,? thanks?|perfect,? thanks?)" + _TAIL + "$"
)
_HELP = re.compile(
    r"^(ヘルプ|へるぷ|help|使い方|つかいかた|使い方を教えて(ください)?|何ができる(の)?|"
    r"なにができる(の)?|何ができますか|できることは|メニュー|menu)[\s?？!！。]*$"
)


_INTRODUCTION = re.compile(
    r"((あなた|君|きみ|おまえ|お前|ボット|bot)(は|って)?[、,\s]*(誰|だれ|何者|なにもの|何|なに)"
    r"|(誰|だれ|何者|なにもの))(ですか|なの|なんですか|なん|です|だ)?"
    r"|(あなた|君|きみ)?(は)?[、,\s]*(何|なに)が(できる|出来る)(の|んですか|のですか|ますか|んだ|か)?"
    r"|(何|なに)してくれるの|できることは(何|なに)?|自己紹介(して|してください)?"
)


def is_introduction(folded: str) -> bool:
    """「あなたは誰？」「きみ、なにもの？」「なにができるの？」 alone: asks who the bot is."""
    return bool(_INTRODUCTION.fullmatch(re.sub(r"[\s?？!！。、,.〜~]+$", "", folded.strip())))


# 「人と話したい」「担当者に聞きたい」「だれか詳しい人に聞きたい」: a request for a person, not a question.
_PERSON = re.compile(
    r"(人間|人|ひと|担当者|担当の(人|方|かた|ひと)|担当|詳しい(人|方|かた)|くわしい(人|方|かた)|職員|係の(人|方)|有人|"
    r"オペレーター|スタッフ|窓口の(人|方))(さん)?(と|に|へ|で)?(直接)?((電話|でんわ)で)?"
    r"(聞いても(いい|よい|大丈夫)|きいても(いい|よい|大丈夫)|(聞いて|きいて)(いい|よい)|話しても(いい|よい)|相談しても(いい|よい)|"
    r"話したい|はなしたい|話せ(る|ますか|ない)|話をしたい|聞きたい|ききたい|聞いてほしい|聞いて|相談したい|"
    r"(電話|でんわ)(で話したい|で相談したい|をかけたい|したい|かけたい)|"
    r"そうだんしたい|つないで|繋いで|代わって|かわって|替わって|質問したい|問い合わせたい|連絡したい|お願いしたい)"
)
_PERSON_FILLER = re.compile(r"(うーん|うーむ|んー|ええと|えーと|えっと|あのー|あの|まあ|わかんない|わからない|分からない|"
                            r"わかりません|分かりません|困った|こまった|だれか|誰か|どなたか|ちょっと|できれば|出来れば|やっぱり|やはり|すみません|すいません|"
                            r"ください|下さい|くれる|くれ|ほしい|欲しい|もらえますか|もらえる|いただけますか|です|ます|けど|んだけど|のですが|んですが|のですけど|な|の|よ|ね|[\s!！?？。、,.〜~ー])")


# 「誰かいないの？」「担当の人いませんか」: asking whether a person is there is asking for one.
_NOBODY = re.compile(r"(誰か|だれか|どなたか|人間|人|ひと|担当者|担当の(人|方|かた)|係の(人|方)|職員|スタッフ)(さん)?(は|が)?"
                     r"(いないの|いない|いません|いませんか|いらっしゃいませんか|いらっしゃらない|おらん|おらんの|いる|いますか"
                     # 「だれかきて」「誰か見に来てほしい」: a person to come and look
                     r"|(見に|みに)?(来て|きて)(ほしい|ください|くれない|もらえない|もらえますか)?)")
# 「電話で聞きたいんですが」 (no person named): a person by phone is still a person.
_BY_PHONE = re.compile(r"(電話|でんわ)で(直接)?(聞きたい|ききたい|話したい|はなしたい|相談したい|問い合わせたい)")
_PERSON_LEAD = re.compile(r"もう|もういい|いいから|とにかく|だから|直接|ちょくせつ")
# The same in English (the English replies say 'type "talk to a person"'): "talk to a person",
# "can I speak to someone?", "I'd like to talk to a human please", "human please".
_PERSON_EN = re.compile(
    r"(?:(?:can|could|may) i |i (?:want|would like|need) to |i'd like to |let me |i want |please )?"
    r"(?:talk|speak|chat)(?: to| with) (?:a |an |the |some )?"
    r"(?:person|human|someone|somebody|staff|agent|officer|real person|member of staff|people)"
    r"(?: please)?[\s.!?]*"
    r"|(?:a )?(?:human|person|real person|agent)(?:,)? please[\s.!?]*"
)


def is_person_request(folded: str) -> bool:
    """A message that only asks for a person (nothing to search in it): 「人と話したい」, with fillers
    (「もう人と話したい、誰かいないの？」「担当の人に電話で聞きたいんですが」) or as a meta remark
    (「人にきいてもいいですか」)."""
    text = folded.strip()
    if len(text) > 40:
        return False
    if _PERSON_EN.fullmatch(text.lower()):
        return True
    rest, found = text, False
    for pattern in (_PERSON, _NOBODY, _BY_PHONE):
        rest, n = pattern.subn("", rest)
        found = found or n > 0
    if not found:
        return False
    rest = _PERSON_FILLER.sub("", _PERSON_LEAD.sub("", rest))
    return len(rest) <= 2


# What is no question for a person: fillers and 「わかんない」, a number or a yes (an answer that
# slipped out of a form: 「うーん、５件かな」), an RSVP (「出席します」), a request to show the bot's
# own output (「結果みせて」).
_NOT_QUESTION_WORDS = re.compile(
    r"うーん|うーむ|うーんと|んー|ええと|えーと|えっと|えー|あのー|あー|まあ|まぁ|わかんない|わからない|分からない|"
    r"わかりません|分かりません|知らない|しらない|かな|かも|です|ます|だよ|よね|ね|よ|[\d０-９]+\s*(件|人|名|個|回|点|つ)?|"
    r"はい|いいえ|うん|ううん|ok|おけ|了解|りょうかい|[\s、。,.!！?？〜~ー…・]")
_RSVP = re.compile(r"(出席|欠席|参加|不参加|出ます|でます|休みます|行きます|行けます|行けません|出られません|出れません|"
                   r"行けない|いけない|いけます|いけません|行けそう|いけそう|行けなさそう|いけなさそう|来られない|出られない|出れない)"
                   r"(します|いたします|できます|できません|です|でお願いします)?")
# 「3を直す」「2番を修正」「1つ目やり直し」: a form's control word that slipped out of its form.
_FORM_CONTROL = re.compile(r"([0-9]+|[一二三四五六七八九十]+)(番目?|つ目|個目)?(の(回答|答え|項目))?(を|は|も)?"
                           r"(直す|なおす|直したい|直して|修正|修正する|修正したい|修正して|変更|変更する|変更したい|"
                           r"訂正|訂正する|やり直す|やりなおす|やり直し|やりなおし|戻る|もどる|取り消す|とりけす)(ます|たい|です)?")
_SHOW_OUTPUT = re.compile(r"(結果|けっか|状況|一覧|続き|つづき)(を|は)?(見せて|みせて|表示して|出して|だして|見たい|みたい)(ください)?")


def is_rsvp(folded: str) -> bool:
    """「出席します」「欠席します」「すみません出れません、窓口当番なので」: an answer to a meeting, not a
    question. The sentence reading is the meetings job's own (`bot.core.rsvp_words`), so a line the
    meetings job would take as an answer is never logged as an FAQ question."""
    return (bool(_RSVP.fullmatch(re.sub(r"[\s、。,.!！?？〜~ー…]", "", folded.strip())))
            or read_answer(folded.strip()) is not None)


# A dialog's control word that slipped out of it (「やめる」「戻る」「スキップ」「どれでもない」「解決しました」).
_CONTROL_WORDS = (vocabulary.CANCEL_WORDS | vocabulary.BACK_WORDS | vocabulary.SKIP_WORDS | vocabulary.SUBMIT_WORDS
                  | vocabulary.NONE_OF_THEM_WORDS | vocabulary.SOLVED_WORDS | vocabulary.UNSOLVED_WORDS
                  | vocabulary.NOTHING_WORDS | vocabulary.UNKNOWN_WORDS | vocabulary.RESULT_WORDS
                  | vocabulary.KEEP_WORDS | vocabulary.RESUME_WORDS)


# 「2. 理解している」「[3] 聞いたことがある」: a poll button's label typed with its number.
_LEVEL_ENDING = re.compile(r"(です|ですね|ですよ|かな|かも|と思います|と思う|ね|よ)[\s。.!！〜~]*$")
_LEVEL_NUMBER = re.compile(r"^\s*[\[［(（]?\s*[1-4１-４]\s*[\]］)）.．:：]?\s*")


def is_stray_poll_answer(folded: str) -> bool:
    """「理解している」「2. 理解している」「ぜんぜんわからん」 with no poll asking: a skill-assessment
    answer, not a question."""
    text = _LEVEL_NUMBER.sub("", folded.strip())
    # 「聞いたことないです」「理解してるかな」: a polite or hedged ending does not make it a question.
    return any(vocabulary.is_poll_level(form) for form in (text, _LEVEL_ENDING.sub("", text)))


def is_stray_answer(folded: str) -> bool:
    """A poll level, a check-in status (「みちゃくしゅ」) or a go-ahead (「やってみる」) with nothing
    asking: an answer, never a question to search or log."""
    text = _LEVEL_NUMBER.sub("", folded.strip())
    return any(vocabulary.is_stray_answer(form) for form in (text, _LEVEL_ENDING.sub("", text)))


# 「このボットやくにたたない」「使えないボットだな」: a complaint about the bot itself, no question.
_BOT = r"(?:この|その|ここの)?(?:ボット|ぼっと|bot|チャットボット|dxdesk|dx desk|あなた|きみ|君|おまえ|お前)"
_USELESS = (r"(?:役に立たない|やくにたたない|役にたたない|役立たない|やくだたない|役に立たん|使えない|つかえない|使えん|"
            r"つかえん|だめ|ダメ|駄目|使い物にならない|つかいものにならない|ポンコツ|ぽんこつ|意味ない|いみない|意味がない)")
_BOT_COMPLAINT = re.compile(
    r"(?:もう|ほんと|本当|ほんとに|本当に)?[、,\s]*(?:" + _BOT + r"(?:は|って|が|、|,)?[\s]*(?:全然|ぜんぜん|まったく|全く|ほんとに|本当に|ほんと)?"
    + _USELESS + r"|(?:全然|ぜんぜん|まったく|全く|ほんとに|本当に|ほんと)?" + _USELESS.replace("だめ|ダメ|駄目|", "")
    + r"な?" + _BOT + r")(?:だ|だな|だね|ね|な|よ|わ|です|ですね|じゃん|やん|すぎる|すぎ)*[\s!！。…ー〜~w笑]*")


def is_bot_complaint(folded: str) -> bool:
    """「このボットやくにたたない」「このボット使えない」「使えないボットだな」 alone: said of the bot
    itself (an apology and the way to a person, never a question kept for the office)."""
    return len(folded) <= 40 and bool(_BOT_COMPLAINT.fullmatch(folded.strip()))


def is_real_question(folded: str) -> bool:
    """Something a person could answer: not fillers, a number, a yes, an RSVP, 「結果みせて」, a
    form's control word (「3を直す」「やめる」「戻る」), thanks, an acknowledgement or 「やっぱりいいです」."""
    text = folded.strip()
    bare = re.sub(r"[\s、。,.!！?？〜~ー…]", "", text)
    rest = _NOT_QUESTION_WORDS.sub("", text)
    if (not text or is_person_request(text) or _RSVP.fullmatch(bare) or _RSVP.fullmatch(rest)
            or _FORM_CONTROL.fullmatch(bare) or _FORM_CONTROL.fullmatch(rest) or bare in _CONTROL_WORDS
            or is_thanks(text) or is_acknowledgement(text) or is_never_mind(text) or is_stray_answer(text)
            or is_bot_complaint(text)):
        return False
    return not _SHOW_OUTPUT.fullmatch(rest) and len(rest) >= 2


# 「ふるさと納税のログインのこと、返事きた？」「さっきの質問どうなった？」: checking on one's questions.
_STATUS_CHECK = re.compile(
    r"(返事|返信|回答|答え|連絡|レス)(は|って|も|が)?(まだ|もう)?(きた|来た|来ました|きました|あった|ありました|"
    r"来てない|きてない|来ていない|来ていますか|きていますか|来てますか|きてますか|まだ)(かな|ですか|でしょうか|よね)?$"
    r"|(さっき|先ほど|さきほど|前|この前|昨日|きのう|おととい|先週|私|わたし|自分)の(質問|問い合わせ|相談|件)"
    r"(は|って)?(どうなった|どうなりました|どう|どんな感じ|の状況|の進み具合|まだ)"
    r"|(質問|問い合わせ|相談|転送した件)(は|って)?(どうなった|どうなりました|どうなってる|どうなっていますか)"
    r"|(自分|私|わたし)の(質問|問い合わせ)(一覧|を見たい|をみたい|リスト)"
    r"|(転送した|転送された|送った|預けた|聞いた)(質問|問い合わせ|相談|件)(の)?(状況|一覧|進み具合|リスト|どうなった)"
)


# "what's the status of my question?", "any reply yet?", "my questions": the same in English.
_STATUS_CHECK_EN = re.compile(
    r"^(status|my questions?|my tickets?|(what'?s|what is|check) (the )?status( of my (question|request|ticket)s?)?"
    r"|(any|got an?) (reply|replies|answer|answers|update|news)( yet)?( on my (question|request))?"
    r"|(has|did) (anyone|someone|somebody) (replied|reply|answered|answer)( yet| to me| my question)*"
    r"|what happened (to|with) my (question|request)s?|where is my (answer|question)"
    r"|(is there|do i have) (a |an )?(reply|answer)( yet)?)$")


def is_status_check(folded: str) -> bool:
    """A short message asking what became of one's forwarded questions."""
    text = re.sub(r"[\s?？!！。.〜~]+$", "", folded.strip())
    # 「Q-4の質問どうなった」 names one request: `status_question_id` takes it.
    return len(text) <= 60 and bool(_STATUS_CHECK.search(text) or _STATUS_CHECK_EN.match(text)) \
        and status_question_id(text) is None


# 「テスト」「test」「届いてますか？」: someone checking that the bot works (the first thing many
# people type into a new chat). Never searched: the FAQ has entries about test submissions.
_TEST_MESSAGE = re.compile(
    r"^(テスト|てすと|test(ing)?|テスト送信|テストです|テストメッセージ|てすてす|マイクテスト|"
    r"(これ|メッセージ|ちゃんと)?(届いて|とどいて)(る|ます|いますか|ますか|る\?)|聞こえますか|きこえますか|"
    r"動いて(る|ます|ますか)|うごいて(る|ます|ますか))" + _TAIL + r"[?？]*$"
)


def is_test_message(folded: str) -> bool:
    """「テスト」「test」「届いてますか？」 alone: checking that the bot answers."""
    return bool(_TEST_MESSAGE.match(folded.strip()))


def is_greeting(folded: str) -> bool:
    """「こんにちは」「お疲れ様です」 alone (folded text: NFKC + lower case), or followed by small
    talk (「おつかれさまです！今日さむいね」): no question in it either way."""
    text = folded.strip()
    if _GREETING.match(text):
        return True
    return greeting_and_chat(text)


def greeting_and_chat(folded: str) -> bool:
    """A greeting followed by small talk only: 「おつかれさまです！今日さむいね」「おはよー、眠い」."""
    text = folded.strip()
    head = _GREETING_HEAD.match(text)
    if not head or len(text) > 60:
        return False
    rest = text[head.end():].strip(" 、。,.!！~〜ー～♪")
    return bool(rest) and is_chitchat(rest) and not re.search(r"[?？]|教えて|どう(すれば|やって|したら)", rest)


# Thanks in one or more clauses, in any order: 「ありがとう〜たすかった」「助かったー、ありがと！」.
_THANKS_WORD = (r"(ありがとう(ございます|ございました)?|ありがと|有難う(ございます|ございました)?|あざす|あざっす|"
                r"助かりました|助かります|助かった|助かる|たすかりました|たすかります|たすかった|たすかる|"
                r"感謝(です|します|しています)?|サンキュー|さんきゅー|thanks?( you)?|thx|"
                r"(本当|ほんと|本当|すごく|とても|めっちゃ|まじで|マジで)に?|いつも)")
_THANKS_CLAUSES = re.compile(rf"^({_THANKS_WORD}[\s!！。.、,~〜ー～♪☺️🙏😊]*)+(です|ね|よ)?[\s!！。.~〜ー～♪🙏😊]*$")
_THANKS_CORE = re.compile(r"ありがと|有難|助か|たすか|感謝|サンキュ|さんきゅ|thank|thx|あざ")


def is_thanks(folded: str) -> bool:
    """「ありがとうございました」 alone, or thanks in a few words (「ありがとう〜たすかった」)."""
    text = folded.strip()
    if _THANKS.match(text) or (len(text) <= 40 and _THANKS_CLAUSES.match(text) and _THANKS_CORE.search(text)):
        return True
    # Thanks with an acknowledgement (「ありがとうございます、了解です」「承知しました、ありがとう」).
    parts = [p for p in re.split(r"[\s、。,.!！〜~ー…♪🙏😊]+", text) if p]
    return (len(text) <= 40 and len(parts) > 1 and bool(_THANKS_CORE.search(text))
            and all(_THANKS_CLAUSES.match(p) or _ACK_CLAUSE.fullmatch(p) for p in parts))


def is_help(folded: str) -> bool:
    """「ヘルプ」「使い方」「help」 alone."""
    return bool(_HELP.match(folded.strip()))


def is_yes(folded: str) -> bool:
    """A typed yes (はい, お願いします, 解決しました ...)."""
    return folded in YES_WORDS or folded in SOLVED_WORDS


def is_no(folded: str) -> bool:
    """A typed no (いいえ, 不要です ...)."""
    return folded in NO_WORDS or folded in UNSOLVED_WORDS


# 「全然だめでした」「うまくいかない」「役に立たない」 typed right after an answer: that answer did not
# help (never a new question to search: walk-through 1205, Q-3 「全然だめでした」 forwarded as it was).
_NOT_HELPED_HEAD = r"(?:全然|ぜんぜん|ゼンゼン|まったく|全く|ちっとも|完全に|結局|けっきょく|やっぱり|やっぱ)?"
_NOT_HELPED = re.compile(
    "^" + _NOT_HELPED_HEAD + r"(?:それ|これ|その(?:回答|答え|方法|やり方)|この(?:回答|答え|方法|やり方))?(?:は|では|だと|じゃ|でも)?"
    + _NOT_HELPED_HEAD
    + r"(?:(?:だめ|ダメ|駄目|むり|ムリ|無理)(?:でした|だった|です|っぽい|みたい|そう|だね|ですね)?"
    r"|(?:うまく|上手く|ちゃんと)?(?:いかない|いかなかった|いきません|いきませんでした|行かない|行かなかった)"
    r"|(?:うまく|上手く|ちゃんと)?(?:できない|できなかった|できません|できませんでした|出来ない|出来なかった)"
    r"|(?:うまく|上手く|ちゃんと)?(?:動かない|動かなかった|うごかない|うごかなかった|動きません|動きませんでした)"
    r"|解決(?:しない|しなかった|しません|しませんでした|してない|していない|していません|せず|できない|できなかった|できません)"
    r"|(?:役|やく)に(?:立た|たた)(?:ない|なかった)|役に立ちませんでした|役立たなかった|役立たない"
    r"|参考に(?:ならない|ならなかった|なりませんでした)"
    r"|(?:直ら|なおら|治ら|変わら|かわら)(?:ない|なかった)|(?:直り|なおり|変わり)ませんでした"
    # Dialect and casual forms: 「なおらん」「だめや」「あかん」「うまくいかん」「できんかった」.
    r"|(?:だめ|ダメ|駄目|むり|ムリ|無理)(?:や|やった|やわ|やん|じゃん)"
    r"|あかん(?:かった|わ|やん|な)?|あきません(?:でした)?"
    r"|(?:うまく|上手く|ちゃんと)?(?:直ら|なおら|治ら|いか|行か|でき|出来|動か|うごか)(?:ん|んかった|へん|へんかった)"
    r"|(?:違|ちが)(?:った|いました|う|います))"
    r"(?:です|でした|ね|よ|わ|な|けど|んです|んですが|んだけど)?[\s!！。.、,~〜ー～…・?？😢😭💦]*$"
)


def is_not_helped(folded: str) -> bool:
    """「全然だめでした」「解決しなかった」「うまくいかないです」「役に立たない」: said of the answer just
    shown, it did not help (the desk checks that an answer was just shown)."""
    return folded in UNSOLVED_WORDS or bool(_NOT_HELPED.match(folded))


def is_none_of_them(folded: str) -> bool:
    """「どれでもない」."""
    return folded in NONE_OF_THEM_WORDS


def is_cancel(folded: str) -> bool:
    """「やめる」 / cancel."""
    return vocabulary.is_cancel(folded)


# 「やっぱりいいです」「いいです」「大丈夫です」「やめます」「キャンセルで」「もういいや」「結構です」: the
# asker no longer wants what the bot asked for (polite, casual, kana; a leading やっぱり/じゃあ).
# 「いいですよ」「いいよ」 are a yes to an offer, and 「いいです、お願いします」 too: not matched.
_NEVER_MIND = re.compile(
    r"(やっぱり|やっぱ|やはり|じゃあ|じゃ|では|あ|いや|うーん|んー|すみません|すいません|ごめんなさい|ごめん|"
    r"ありがとう(ございます)?|今は|いまは|もう)*"
    r"(いい|良い|よい|いいや|いいわ|大丈夫|だいじょうぶ|だいじょぶ|結構|けっこう|不要|いらない|要らない|"
    r"やめ(?:る|ます|とく|ておく|ておきます|ときます|ました)?|止めます|止める|"
    r"キャンセル|きゃんせる|取り消し|取消|とりけし|なし|なしで|無し|なしにする|なしにします|中止|"
    r"自分で(調べ|しらべ)(ます|る|てみます|てみる)|大丈夫そう)"
    r"(です|でした|だ|でーす|っす|になりました|になった|にします|にする|で|かな|かも|や|ね|でお願いします)*"
)


def is_never_mind(folded: str) -> bool:
    """「やっぱりいいです」「大丈夫です」「キャンセルで」 alone (a short reply, no question in it)."""
    bare = re.sub(r"[\s、。,.!！?？〜~ー…♪]+", "", folded.strip())
    return 0 < len(bare) <= 20 and bool(_NEVER_MIND.fullmatch(bare))


# 「わかりました」「了解です」「なるほど」「そうですか、わかりました」「OK」: an acknowledgement of what the
# bot said (neither thanks for a solution nor a question).
_ACK_CLAUSE = re.compile(
    r"(そう|そうですか|そうなんですね|そうなんだ|そうなの|そっか|そうか|なるほど|なるほどね|なるほどです|"
    r"わかりました|分かりました|わかった|分かった|わかりましたー|了解|了解です|了解しました|りょうかい|りょうかいです|"
    r"承知しました|承知です|かしこまりました|はーい|はい|ok|okです|おk|おっけー|オッケー|おけ|おけです|"
    r"ふむふむ|ふーん|へー|へえ|ほう|ほー|うん|ええ)(です|ですね|ね|よ|した)?"
)


def is_acknowledgement(folded: str) -> bool:
    """A short reply made of acknowledgements only (「そうですか、わかりました」「なるほど、了解です」)."""
    parts = [p for p in re.split(r"[\s、。,.!！?？〜~ー…♪]+", folded.strip()) if p]
    return 0 < len(folded.strip()) <= 30 and bool(parts) and all(_ACK_CLAUSE.fullmatch(p) for p in parts)


def choice_number(folded: str, count: int) -> int | None:
    """A typed candidate number 1..count (「2」「２番」「2番目」), else None."""
    m = re.fullmatch(r"\s*(\d{1,2})\s*(番目?|つ目|です)?[\s。.]*", folded)
    if not m:
        return None
    n = int(m.group(1))
    return n if 1 <= n <= count else None


# Small talk and everyday life: a desk for work questions answers it politely and never offers to
# hand it to a person. Only whole intents, so 「Zoomの背景」 or 「会議のお昼休憩」 do not match.
_CHITCHAT = re.compile(
    r"(昼(ご飯|ごはん|飯|めし)|晩(ご飯|ごはん|飯|めし)|夕(ご飯|ごはん|飯)|朝(ご飯|ごはん)|ランチ|ラーメン|"
    r"おなか(すいた|が空いた|へった)|お腹(すいた|空いた|が空いた|減った)|腹減|献立|パン屋|"
    r"天気|雨(が降|降る|ふる)|晴れる|寒くなる|暑くなる|"
    r"眠い|ねむい|疲れた|つかれた|ひま(だ|だな|です)|暇(だ|だな|です)|週末(何|なに)|"
    r"映画|ドラマ|アニメ|プロ野球|カラオケ|宝くじ|ダイエット|旅行のプラン|スピーチのコツ|"
    r"好きな(食べ物|色|歌|動物|もの)|面白い話|おもしろい話|雑談|占い|恋愛|"
    r"(猫|ねこ|ペット)の飼い方|年賀状|お歳暮|お中元|誕生日プレゼント)"
)

# A follow-up leans on the previous question: a demonstrative or 「…も同じ？」 and no topic of its own.
_FOLLOW_UP = re.compile(
    r"^(それ|その|これ|この|あれ|そっち|こっち|じゃあ|じゃ|では|なら|ちなみに|あと|ほかに|他に)|"
    r"(も同じ|でも同じ|の場合は|だと(どう|どうなる)|ではどう|はどう(です|なる|する)?|でもいける|でも使える|でもできる)"
    r"[?？。]*$"
    # 「Teamsは？」「Zoomも？」: a few words and a bare は？/も？ ask the last question again about them
    r"|^[^\s?？。、]{1,12}(は|も|なら|だと)[?？]+$"
)
# 「じゃあスマホだと？」「タブレットなら？」: a bare だと？/なら？ asks the last question about a new word.
_POINTS_BACK = re.compile(r"それ|そっち|こっち|あれ|これ|その|この|同じ|さっき|も[?？]|は[?？]$|(だと|なら|では|の場合は)[?？]+$")
FOLLOW_UP_MAX_CHARS = 40
# 「期限っていつまで？」「費用はかかる？」「誰に出せばいい？」 after an answer: a short question about one
# aspect (when, cost, who, where, what to bring) naming no subject of its own — it asks about the
# previous topic as surely as 「それって…」 does.
_ASPECT = re.compile(
    r"^(?:で|あと|それで|ちなみに|じゃあ|ところで)?[、,\s]*"
    r"(?:期限|締切|締め切り|〆切|しめきり|きげん|提出期限|申請期限|受付期間|期間|いつまで|いつから|いつ|何日前|何日まで|"
    r"費用|料金|お金|手数料|誰|だれ|どなた|どこ|どちら|窓口|担当|必要なもの|必要書類|持ち物|何が必要|なにが必要|"
    r"承認|決裁|申請先|提出先|出し先|問い合わせ先)"
    r"[^?？]{0,14}[?？]+$")


# 「今日さむいね」「ほんと暑すぎ」: the weather and nothing else (「庁舎のエアコン効いてない、寒い」 is
# a facilities matter for another section, not small talk).
_WEATHER = re.compile(
    r"(今日|きょう|今朝|けさ|朝|外|最近|ほんと|本当|めっちゃ|すごく|とても|なんか|まじ|マジ)*(は|も|に)?"
    r"(寒|さむ|暑|あつ)(い|すぎ|すぎる|っ)?(ね|な|よね|です|ですね|いね)?"
)


def is_chitchat(folded: str) -> bool:
    """Small talk or everyday life (lunch, weather, feelings, entertainment)."""
    bare = re.sub(r"[\s!！?？。、,.〜~ー…]+", "", folded)
    return bool(_CHITCHAT.search(folded)) or bool(_WEATHER.fullmatch(bare))


def is_follow_up(folded: str) -> bool:
    """A short message that refers back to the previous question (「それってZoomでも同じ？」)."""
    text = folded.strip()
    return 0 < len(text) <= FOLLOW_UP_MAX_CHARS and bool(_FOLLOW_UP.search(text) or _ASPECT.match(text))


# Words that point at the previous question whatever else the message names (「それってスマホでも？」
# 「さっきの件で」「同じ手順？」): the message refers back even when all its nouns are new.
_POINTER = re.compile(r"それ|その|そっち|そちら|これって|さっき|先ほど|さきほど|同じ|おなじ|そういう|そうすると|だとすると")
# 「Teamsは？」「じゃあスマホだと？」: one new word asked the previous question again (a lead word at most).
_ONE_WORD_AGAIN = re.compile(r"^(?:じゃあ|じゃ|では|なら|あと|ちなみに|で)?[、,\s]*[^\s?？。、]{1,12}(?:は|も|なら|だと|では)[?？]+$")


def leans_on_previous(folded: str) -> bool:
    """A pointing word (それ, さっき, 同じ …) or a bare aspect (「期限っていつまで？」): the message is
    about the previous question, whatever nouns it names. 「あと」「じゃあ」「ちなみに」 alone are not:
    「ちなみに会議室の予約ってどこでできる？」 after a VPN answer is a new question."""
    return bool(_POINTER.search(folded) or _ASPECT.match(folded.strip()))


# How a reply to an answer starts (「ありがと、でも…」「了解です、あと…」「なるほど。ちなみに…」): thanks or an
# acknowledgement, or a word that carries on (でも, あと, それと, ただ …).
_REPLY_START = re.compile(
    r"^(?:ありがと|サンキュ|さんきゅ|助かり|たすかり|了解|りょうかい|承知|わかりました|分かりました|わかった|分かった|"
    r"なるほど|確認しました|でも|だけど|ただ|あと|それと|それから|ちなみに|じゃあ|では|追加で|もう一つ|もうひとつ|"
    r"もう1つ|すみません|すいません)")
_ACK_START = re.compile(r"^(?:ありがと|サンキュ|さんきゅ|助かり|たすかり|了解|りょうかい|承知|わかりました|分かりました|"
                        r"わかった|分かった|なるほど|確認しました)")


# 「強制終了したら動きました！」「再起動したら直りました」: the trouble is gone (said in a clause of its
# own, not asked: 「動きましたか？」 is a question).
_SOLVED_NOW = re.compile(
    r"(?:動き|うごき|直り|なおり|治り|解決し|解消し|つながり|繋がり|使えるようになり|できるようになり|復旧し|戻り|もどり)"
    r"(?:ました|ましたー|ました!|た|たよ|たわ|たです)(?![かね]?[?？])"
    r"|(?:動い|うごい|直っ|なおっ|治っ|つながっ|繋がっ)(?:た|たよ|たわ|てます|ています|てる)(?![かね]?[?？])"
    r"|^(?:無事|ぶじ)?(?:でき|出来)ました[!！。ー〜]*$"
)


def tells_solved(folded: str) -> bool:
    """The message says the trouble is gone now (「強制終了したら動きました！」), asking nothing."""
    return bool(_SOLVED_NOW.search(folded)) and not re.search(r"[?？]|どう|教えて|ですか|ますか", folded)


def sounds_like_reply(folded: str) -> bool:
    """The message reads as a reply to what was said to the person (thanks, 「了解です」, でも, あと,
    a pointing word): only then is it checked against an answer they received."""
    text = folded.strip()
    return bool(_REPLY_START.match(text)) or leans_on_previous(text) or is_follow_up(text)


def starts_with_ack(folded: str) -> bool:
    """「ありがと、…」「了解です、…」: a reply that first acknowledges what it answers."""
    return bool(_ACK_START.match(folded.strip()))


def asks_again_about(folded: str) -> bool:
    """「Teamsは？」「じゃあスマホだと？」: the previous question asked again about one new word."""
    return bool(_ONE_WORD_AGAIN.match(folded.strip()))


def points_back(folded: str) -> bool:
    """A follow-up that names what it refers to (それ, 同じ, 「Teamsは？」), not only 「じゃあ」
    before a full question of its own."""
    return bool(_POINTS_BACK.search(folded) or _ASPECT.match(folded.strip()))


# What an entry must say to answer an aspect follow-up (「期限っていつまで？」 is not answered by an
# entry that names no date or deadline, however close its other words are).
_ASPECT_WORDS = (
    (("期限", "締切", "締め切り", "〆切", "しめきり", "きげん", "期間", "いつ", "何日"),
     ("期限", "締切", "締め切り", "まで", "日前", "期間", "日以内", "月末", "毎月", "毎年")),
    (("費用", "料金", "お金", "手数料"), ("費用", "料金", "無料", "有料", "円", "負担", "手数料")),
    (("誰", "だれ", "どなた", "どこ", "どちら", "窓口", "担当", "申請先", "提出先", "出し先", "問い合わせ先"),
     ("担当", "提出先", "申請先", "宛先", "問い合わせ先", "へ提出", "に提出", "へ連絡", "に連絡")),
    (("必要なもの", "必要書類", "持ち物", "何が必要", "なにが必要"), ("必要", "書類", "持参", "用意")),
    (("承認", "決裁"), ("承認", "決裁", "所属長", "上司")),
)


def aspect_words(folded: str) -> tuple[str, ...]:
    """For an aspect follow-up (「期限っていつまで？」), the words an entry answering it would use;
    () for any other message."""
    text = folded.strip()
    m = _ASPECT.match(text)
    if not m:
        return ()
    head = re.sub(r"^(?:で|あと|それで|ちなみに|じゃあ|ところで)?[、,\s]*", "", text)
    for asked, answered in _ASPECT_WORDS:
        if head.startswith(asked):
            return answered
    return ()


def greeting_word(folded: str) -> str:
    """The first letters of the greeting a message opens with (「おは」「こんに」「おつ」...), else ""."""
    for prefix in ("おは", "こんに", "こんば", "おつ", "お疲"):
        if folded.strip().startswith(prefix):
            return prefix
    return ""


# 「電話番号おしえて」「連絡先は？」「内線何番？」「DX推進室の内線何番？」: how to reach the office
# directly. {office}: the office's configured names (DXDESK_OFFICE_NAME, in both languages),
# folded as the message is, plus 「dx推進室」 (what staff call the office whatever it is named).
_CONTACT = (
    r"(担当(者|の人|の方)?の|(?:{office})の|窓口の|事務局の|直接の)?(電話番号|電話|でんわばんごう|でんわ|連絡先|れんらくさき|内線(番号)?|"
    r"ないせん|問い合わせ先|問合せ先|といあわせさき)(は|を|って)?(何番|なんばん|どこ|何)?"
    r"(教えて|おしえて|知りたい|しりたい|ある|ありますか|ですか|でしょうか)?(ください|下さい|ほしい|もらえる|もらえますか)?"
)


@functools.lru_cache(maxsize=4)
def _contact_pattern(*names: str) -> re.Pattern[str]:
    return re.compile(_CONTACT.replace("{office}", "|".join(re.escape(n) for n in names if n)))


def is_contact_request(folded: str) -> bool:
    """A short message that only asks how to reach the office (phone, extension, contact)."""
    text = re.sub(r"[\s?？!！。、,.〜~ー…]+", "", folded.strip())
    names = sorted({re.sub(r"[\s?？!！。、,.〜~ー…]+", "", fold(office_name(lang))) for lang in ("ja", "en")}
                   | {"dx推進室"}, key=len, reverse=True)
    return (len(text) <= 30 and bool(_contact_pattern(*names).fullmatch(text))) or bool(_CONTACT_EN.fullmatch(
        re.sub(r"[\s?!.]+$", "", folded.strip())))


# "what is the phone number of the office", "how can I contact the DX office by phone?", "extension?"
_CONTACT_EN = re.compile(
    r"((what'?s|what is|can i have|can i get|give me|tell me) (the |your )?"
    r"(office'?s |dx office'?s |help ?desk'?s )?(phone( number)?|telephone( number)?|extension( number)?|contact( details| info)?"
    r"|e-?mail( address)?)( of (the|your) (dx )?office| for (the|your) (dx )?office)?"
    r"|how (can|do) i (contact|reach|call|phone) (the |your )?(dx )?(office|help ?desk|you|someone)( by (phone|e-?mail))?"
    r"|(phone|telephone) number|extension|contact (details|info|information)|who do i call)"
    r"( please| pls)?")


# 「Q-4の状況は？」「Q4どうなった」「Q-4 返事きた？」: the status of one tracked request.
_QUESTION_STATUS = re.compile(
    r"q[-－ー]?([0-9]{1,7})(番)?(の|って|は|、)?(質問|件|問い合わせ|相談)?(の|は|って)?"
    r"(状況|状態|進み具合|進捗|ステータス|返事|返信|回答|内容|中身|なかみ|詳細|しょうさい|詳しく|くわしく|全文)?(は|って|を|が|も)?(まだ|もう)?"
    r"(どうなった|どうなりました|どうなってる|どうなっていますか|どう|どうですか|教えて|おしえて|知りたい|しりたい|"
    r"見せて|みせて|見して|みして|見せといて|見たい|みたい|見る|みる|出して|だして|表示して|確認したい|確認|かくにん|"
    r"ちょうだい|きた|来た|きました|来ました|あった|まだ)?(かな|ですか|でしょうか|ください|くれる|もらえる|お願い|おねがい|よろしく)?"
)
# 「Q-9みせて」「Q9の内容」「Q-9の詳細おしえて」 (an admin looking a question up) ask the same: the request shown.
_STATUS_WORD = re.compile(r"状況|状態|進み具合|進捗|ステータス|どうなっ|どうなり|どう$|どうですか|返事|返信|回答(きた|来た|まだ|は)|"
                          r"内容|中身|なかみ|詳細|しょうさい|詳しく|くわしく|全文|見せ|みせ|見し|みし|見たい|みたい|見る|みる|"
                          r"出して|だして|表示|確認|かくにん|ちょうだい")


def status_question_id(folded: str) -> int | None:
    """The Q number a message asks the status of (「Q-4の状況は？」「Q4どうなった」), else None."""
    text = re.sub(r"[\s?？!！。、,.〜~…]+", "", folded.strip())
    m = _QUESTION_STATUS.fullmatch(text)
    if not m or not _STATUS_WORD.search(text[m.end(1):]):
        return None
    return int(m.group(1))


def is_question_status(folded: str) -> bool:
    """See `status_question_id`."""
    return status_question_id(folded) is not None
