"""Texts of the consultation desk (keys "faq.", "cmd.faq.")."""

from __future__ import annotations

from bot.core.messages import register

MESSAGES: dict[str, tuple[str, str]] = {
    # --- FAQ desk -------------------------------------------------------------------------
    "faq.answer.category": ("カテゴリ", "Category"),
    "faq.answer.japanese_only": ("", "(This entry is written in Japanese only.)"),
    "faq.field.question_en": ("質問（英語）", "question (English)"),
    "faq.field.answer_en": ("回答（英語）", "answer (English)"),
    "faq.field.category_en": ("カテゴリ（英語）", "category (English)"),
    "faq.answer.solved_question": ("解決しましたか？", "Did this solve your question?"),
    "faq.answer.yes": ("はい", "Yes"),
    "faq.answer.no": ("いいえ", "No"),
    "faq.candidates.intro": (
        "近いご質問がいくつか見つかりました。知りたいものを選んでください。",
        "I found a few close questions. Please pick the one you mean.",
    ),
    "faq.candidates.none_of_them": ("どれでもない", "None of these"),
    "faq.candidates.which": (
        "どれのことでしょうか？ボタンを押すか、番号（1〜{count}）で選んでください。当てはまらなければ「どれでもない」をどうぞ。",
        "Which one? Press a button or type its number (1-{count}). If none fits, choose \"None of these\".",
    ),
    "faq.none": (
        "申し訳ありません。このご質問にお答えできる情報がFAQに見つかりませんでした。"
        "担当者に質問を転送しますか？",
        "Sorry, I couldn't find an answer to this in the FAQ. "
        "Shall I forward your question to a person?",
    ),
    "faq.none.unnamed": (
        "申し訳ありません。何についてのお困りごとか分からず、FAQから探せませんでした。使っているものの名前"
        "（例: VPN、Wi-Fi、Teams、テレワーク端末）を入れて聞き直すと見つかることがあります。"
        "このまま担当者に転送しますか？",
        "Sorry, I couldn't tell what this trouble is about, so the FAQ found nothing. Naming what you "
        "use (e.g. VPN, Wi-Fi, Teams, the telework PC) and asking again may find it. "
        "Or shall I forward it to a person as it is?",
    ),
    "faq.person.offer": ("「{question}」を担当者に転送しますか？", "Shall I forward \"{question}\" to a person?"),
    "faq.person.what": (
        "担当者にお聞きになりたい内容を書いてください。そのまま担当者に転送します。（やめる場合は「やめる」）",
        "Please write what you would like to ask; I'll forward it to a person as it is. (Type \"cancel\" to stop.)",
    ),
    "faq.more_detail": (
        "FAQでご案内できるのはここまでです。担当者にくわしく聞きますか？「{question}」を転送します。",
        "That is all the FAQ has on this. Shall I ask a person for more? I'll forward \"{question}\".",
    ),
    "faq.bot_complaint": (
        "お役に立てず申し訳ありません。担当者に直接聞くときは「人と話したい」と送ってください（質問を書いていただければそのまま転送します）。",
        "I'm sorry I could not help. To ask a person directly, type \"talk to a person\" (write your question "
        "and I'll forward it as it is).",
    ),
    "faq.by_phone": (
        "承知しました。お電話はDX推進室（{contact}）へどうぞ。ここに書いていただければ担当者に転送することもできます。",
        "Understood. You can call the DX office on {contact}; you can also write your question here and "
        "I'll forward it to a person.",
    ),
    "faq.by_phone.unset": (
        "承知しました。ここに書いていただければ、お電話の代わりに担当者に転送することもできます"
        "（「人と話したい」と書いてからでも大丈夫です）。",
        "Understood. You can also write your question here and I'll forward it to a person instead "
        "(or type \"talk to a person\" first).",
    ),
    "faq.person.meanwhile": (
        "担当者の返事を待つ間に、FAQの次の回答もお試しください。",
        "While you wait for a person, you can try this answer from the FAQ.",
    ),
    "faq.contact": ("DX推進室の連絡先: {contact}", "How to reach the DX office: {contact}"),
    "faq.contact.unset": (
        "DX推進室の連絡先はここには登録されていません。担当者に聞きたいことをここに書いていただければ、"
        "そのまま担当者に転送します（「人と話したい」と書いてからでも大丈夫です）。",
        "The DX office's phone or extension is not set here. Write what you would like to ask and I'll "
        "forward it to a person (or type \"talk to a person\" first).",
    ),
    "faq.person.cancelled": ("承知しました。ご質問があれば、いつでもどうぞ。", "Understood. Ask me anything any time."),
    "faq.person.already": ("「{question}」は Q-{id} として受け付けています（{status}）。",
                           "\"{question}\" is already Q-{id} ({status})."),
    "faq.mine.title": ("お預かりしているご質問（{count}件）", "Your questions handed to a person ({count})"),
    "faq.mine.empty": (
        "いま担当者にお預かりしている質問はありません。ご質問があれば、そのまま書いてください。",
        "No question of yours is waiting for a person. Just type a question if you have one.",
    ),
    "faq.mine.line": ("Q-{id}［{status}］{when}「{question}」", "Q-{id} [{status}] {when} \"{question}\""),
    "faq.mine.how_to_forward": ("［未転送］の質問は、下のボタンで担当者に転送できます。",
                                "Questions [not forwarded] can be forwarded to a person with the buttons below."),
    "faq.mine.forward_button": ("Q-{id} を転送する", "Forward Q-{id}"),
    "faq.mine.answer": ("　回答: {answer}", "  Answer: {answer}"),
    "faq.mine.when": ("{month}月{day}日 {time}", "{month}/{day} {time}"),
    "faq.escalate.yes": ("担当者に転送する", "Forward to a person"),
    "faq.escalate.no": ("転送しない", "Don't forward"),
    "faq.feedback.thanks": (
        "お役に立ててよかったです。ほかにもご質問があればどうぞ。",
        "Glad it helped. Feel free to ask anything else.",
    ),
    "faq.feedback.unsolved": (
        "お役に立てず申し訳ありません。担当者に質問を転送しますか？",
        "Sorry that didn't help. Shall I forward your question to a person?",
    ),
    "faq.escalate.done": (
        "ご質問を担当者（{destination}）に転送しました（受付番号 Q-{id}）。回答はこちらにお届けします。",
        "I forwarded your question to {destination} (ticket Q-{id}). You'll get the answer here.",
    ),
    "faq.escalate.when.today": ("本日中を目安に担当者が確認します。", " Someone will look at it today."),
    "faq.escalate.when.later": (
        "いまは営業時間外のため、担当者が確認するのは{month}月{day}日（{weekday}）{time}以降になります。",
        " It is outside office hours: someone will look at it from {weekday} {month}/{day} {time}.",
    ),
    "faq.escalate.cancelled": (
        "承知しました。質問は記録し、FAQの改善に役立てます。",
        "Understood. I've noted the question to help improve the FAQ.",
    ),
    "faq.escalate.destination.office": ("DX推進室", "the DX office"),
    "faq.escalate.destination.liaison": (
        "{department}の兼務職員", "the DX liaison of {department}"
    ),
    "faq.escalate.notice_title": ("FAQで回答できなかった質問 Q-{id}", "Unanswered question Q-{id}"),
    "faq.escalate.notice_text": (
        "{asker}さん（{department}）からの質問です:\n{question}\n\n"
        "回答するには「回答する」を押すか、「/dx FAQ 回答 Q-{id} 回答文」と入力してください。"
        "回答はすぐ質問者に届き、FAQ案として保存されます（公開は管理者が言葉を整えてから）。",
        "Question from {asker} ({department}):\n{question}\n\n"
        "Press \"Answer\" or type \"/dx faq answer Q-{id} your answer\". The asker gets the answer at "
        "once; it is kept as a draft FAQ entry until an admin publishes it.",
    ),
    "faq.escalate.notice_shown": ("※FAQ {entry_id}「{question}」を案内しましたが、質問者は「役に立たなかった」と答えています。",
                                  "Note: FAQ {entry_id} \"{question}\" was shown; the asker said it did not help."),
    "faq.escalate.notice_shown_person": (
        "※FAQ {entry_id}「{question}」を案内したあと、質問者は担当者と話したいと言っています（解決したかどうかは答えていません）。",
        ("Note: FAQ {entry_id} \"{question}\" was shown; the asker then asked for a person (without saying "
         "whether it helped)."),
    ),
    "faq.none_fit": (
        "候補の中に合うものはなかったのですね。担当者に質問を転送しますか？",
        "None of those fit. Shall I forward your question to a person?",
    ),
    "faq.follow_up.question_after_entry": (
        "{question}（直前の質問「{previous}」、案内した {entry_id}「{entry}」について）",
        "{question} (follow-up to \"{previous}\", about {entry_id} \"{entry}\")",
    ),
    "faq.not_helped.details": ("（試したときの様子: {details}）", " (what happened when trying it: {details})"),
    "faq.not_helped.unknown": (
        ("さっきの「{topic}」の回答が、この会話の中で見つかりませんでした。うまくいかなかった質問をもう一度書いてください"
         "（例: パスワードの変更方法がわからない）。"),
        ("I couldn't find an earlier answer about \"{topic}\" in this conversation. Please write the question "
         "again (e.g. \"How do I change my password?\")."),
    ),
    "faq.not_helped.later": (
        "さっきの「{question}」への回答がお役に立てず申し訳ありません。担当者に質問を転送しますか？",
        "Sorry the answer to \"{question}\" didn't help. Shall I forward your question to a person?",
    ),
    "faq.entry_name": ("「{question}」", "\"{question}\""),
    "faq.not_helped.question": ("{question}（案内した {entry_id}「{entry}」では解決しなかった）",
                                "{question} (not solved by {entry_id} \"{entry}\")"),
    "faq.follow_up.from_answer": ("先ほどの回答（{id}）に、こう書かれています。", "The answer above ({id}) says:"),
    "faq.follow_up.question": ("{question}（直前の質問「{previous}」について）",
                               "{question} (follow-up to \"{previous}\")"),
    "faq.acknowledged": ("はい。ほかにもご質問があればどうぞ。", "All right. Ask me anything else any time."),
    "faq.choose_number": (
        "番号は 1〜{last} のどれかでお答えください（ボタンでも選べます）。",
        "Please answer with a number from 1 to {last} (or press a button).",
    ),
    "faq.escalate.answer_button": ("回答する", "Answer"),
    "faq.answering.prompt": (
        "Q-{id}「{question}」への回答を入力してください。（やめる場合は「やめる」）",
        "Please type your answer to Q-{id} \"{question}\". (Type \"cancel\" to stop.)",
    ),
    "faq.answering.cancelled": ("回答の入力をやめました。", "Stopped answering."),
    "faq.answering.confirm": (
        "次の内容で送ります。よろしいですか？\n宛先: {asker}\n質問: Q-{id}「{question}」\n回答:\n{answer}",
        "I'll send this. OK?\nTo: {asker}\nQuestion: Q-{id} \"{question}\"\nAnswer:\n{answer}",
    ),
    "faq.answering.kept_draft": (
        "Q-{id} の回答案はまだ送っていません。下書きとして残しました（「Q-{id} 回答を続ける」で再開できます）。",
        "Your answer to Q-{id} is not sent yet: it is kept as a draft (type \"Q-{id} 回答を続ける\" to go on).",
    ),
    "faq.answering.from_draft": ("Q-{id} の回答の下書き（まだ送っていません）", "Your draft answer to Q-{id} (not sent yet)"),
    "faq.answering.no_draft": (
        "Q-{id} の回答の下書きは見つかりませんでした。例: 「Q-4 回答を続ける」（下書きは「/dx FAQ 未回答」に表示されます）",
        "No draft answer found for Q-{id}. Example: \"Q-4 回答を続ける\" (drafts show in \"/dx faq unanswered\").",
    ),
    "faq.unanswered.has_draft": ("（回答の下書きあり: {name}、「Q-{id} 回答を続ける」で再開）",
                                 " (draft answer by {name}: type \"Q-{id} 回答を続ける\" to go on)"),
    "faq.answering.send_button": ("送信する", "Send"),
    "faq.answering.rewrite_button": ("書き直す", "Rewrite"),
    "faq.answering.cancel_button": ("やめる", "Cancel"),
    "faq.answering.which": (
        "どの質問に回答しますか？「Q-番号」で指定するか、ボタンを押してください。",
        "Which question do you want to answer? Type its Q number or press a button.",
    ),
    "faq.answering.pick": (
        "回答を待っている質問が{count}件あります。どれに回答しますか？ {options}（「Q-番号」、1〜{count}の番号、またはボタンで選べます）",
        "{count} questions are waiting. Which one do you want to answer? {options} (type its Q number, 1-{count}, or "
        "press a button)",
    ),
    "faq.answering.pick_button": ("{n}. Q-{id} {question}", "{n}. Q-{id} {question}"),
    "faq.answering.none_waiting": ("回答を待っている質問はありません（一覧:「/dx FAQ 未回答」）。",
                                   "No question is waiting for an answer (list: \"/dx faq unanswered\")."),
    "faq.answering.not_found_open": ("Q-{id} は見つかりませんでした。回答を待っている質問: {open}",
                                     "Q-{id} was not found. Waiting for an answer: {open}"),
    "faq.answering.closed_open": ("Q-{id} はすでに回答済みです。回答を待っている質問: {open}",
                                  "Q-{id} has already been answered. Waiting for an answer: {open}"),
    "faq.answering.no_open": ("なし", "none"),
    "faq.thread.question": (
        "{question}（Q-{id} の続き。元の質問「{previous}」、回答「{answer}」）",
        "{question} (follow-up of Q-{id}; asked \"{previous}\", answered \"{answer}\")",
    ),
    "faq.thread.forwarded": (
        "Q-{previous_id} のご質問の続きとして、担当者（{destination}）に伝えました（受付番号 Q-{id}）。回答はこちらにお届けします。",
        "I passed this on to {destination} as a follow-up of Q-{previous_id} (ticket Q-{id}). You'll get the answer here.",
    ),
    "faq.thread.solved": (
        "解決してよかったです。Q-{id}「{question}」の件はこれで完了とし、担当者にもお伝えしました。"
        "また何かあれば、そのまま書いてください。",
        "Glad it's solved. Q-{id} \"{question}\" is done, and I've let the person who answered know. "
        "If anything else comes up, just write it.",
    ),
    "faq.thread.solved_note": (
        "Q-{id} について、{asker}さんから「{words}」とのことです（解決。返信は不要です）。",
        "About Q-{id}, {asker} says: \"{words}\" (solved; no reply needed).",
    ),
    "faq.thread.thanks": (
        "どういたしまして。Q-{id}「{question}」の件はこれで完了とします。続けて聞きたいことがあれば、そのまま書いてください。",
        "You're welcome. Q-{id} \"{question}\" is done. If you have more to ask about it, just write it.",
    ),
    "faq.answering.still": (
        "まだ送っていません。「送信する」で送るか、「書き直す」「やめる」を選んでください。",
        "Not sent yet. Choose \"Send\", or \"Rewrite\" / \"Cancel\".",
    ),
    "faq.unanswered.answer_button": ("Q-{id} に回答", "Answer Q-{id}"),
    "faq.answered.to_asker_title": (
        "ご質問 Q-{id} への回答が届きました", "An answer to your question Q-{id}"
    ),
    "faq.answered.to_asker_text": ("ご質問:「{question}」\n\n回答:\n{answer}", "Your question: \"{question}\"\n\nAnswer:\n{answer}"),
    "faq.answered.done": (
        "Q-{id} の回答を質問者に送りました。FAQ案 {draft_id} を作成しました（公開前に管理者が言葉を整えて確認します:"
        "「/dx FAQ 下書き」）。",
        "Sent the answer to Q-{id} to the asker. Draft {draft_id} was created (an admin rewords and publishes it: "
        "\"/dx faq drafts\").",
    ),
    "faq.answered.request_done": (
        "Q-{id} の回答を相談者に送りました。対応が済んだら「/dx FAQ 対応済み Q-{id}」で完了にしてください。",
        "Sent your answer to Q-{id}. When it is dealt with, close it with \"/dx faq close Q-{id}\".",
    ),
    "faq.request.closed": ("Q-{id} を対応済みにしました。", "Q-{id} is closed."),
    "faq.request.usage": ("受付番号を指定してください。例:「/dx FAQ 対応済み Q-3」", "Name a request, e.g. \"/dx faq close Q-3\"."),
    "cmd.faq.close": ("faq close Q-番号 — 相談・質問を対応済みにする", "faq close Q-id — close a question or request"),
    "faq.search.title": ("「{query}」の検索結果（判定: {decision}）", "\"{query}\" ({decision})"),
    "faq.search.decision.answer": ("そのまま回答", "answer"),
    "faq.search.decision.candidates": ("候補を提示", "candidates"),
    "faq.search.decision.none": ("該当なし", "none"),
    "faq.draft.created": ("FAQ案 {id} を作成しました。管理者が確認して公開します。",
                          "Draft {id} created. An admin will review and publish it."),
    # To the admin who proposed it: nobody else reviews it, they can publish it themselves.
    "faq.draft.created.admin": ("FAQ案 {id} を作成しました。公開するときは「/dx FAQ 公開 {id}」と送るか、［公開する］を押してください。",
                                "Draft {id} created. To publish it, send “/dx faq publish {id}” or press [Publish]."),
    "faq.draft.publish_button": ("公開する", "Publish"),
    "faq.draft.confirm_publish": ("{id} を公開しますか？（質問: {question}）",
                                  "Publish {id}? (question: {question})"),
    "faq.draft.which_publish": ("公開前のFAQ案が{count}件あります: {drafts}。どれを公開しますか？（番号か「D-1」のようにお答えください）",
                                "There are {count} drafts: {drafts}. Which one shall I publish? (a number or its D-id)"),
    "faq.draft.publish_kept": ("{id} は公開せずに残しました。", "{id} was kept unpublished."),
    "faq.draft.publish_none_kept": ("公開せずに残しました。", "Nothing was published."),
    "faq.draft.usage": ("FAQ案の番号を指定してください。例:「/dx FAQ 公開 D-1」", "Name a draft, e.g. \"/dx faq publish D-1\"."),
    "faq.draft.already_published": ("FAQ案 {id} はすでに {entry_id} として公開済みです。取り下げるときは「/dx FAQ 非公開 {entry_id}」です。",
                                    "Draft {id} is already published as {entry_id}."),
    "faq.draft.already_discarded": ("FAQ案 {id} はすでに破棄されています。「/dx FAQ 下書き」で今の一覧を確認できます。",
                                    "Draft {id} was discarded. See \"/dx faq drafts\" for the current list."),
    "faq.draft.not_found": ("FAQ案 {id} は見つかりません。「/dx FAQ 下書き」で一覧を確認できます。",
                            "Draft {id} not found. \"/dx faq drafts\" lists them."),
    "faq.draft.edited": ("FAQ案 {id} の{field}を修正しました（質問: {question}）。公開は「/dx FAQ 公開 {id}」。",
                         "Draft {id}: {field} changed (question: {question}). Publish with \"/dx faq publish {id}\"."),
    "faq.draft.published": ("FAQ案 {id} を {entry_id} として公開しました: {question}",
                            "Draft {id} is published as {entry_id}: {question}"),
    "faq.draft.similar": (
        "※よく似たFAQ {entry_id}「{question}」がすでにあります。重複していれば「/dx FAQ 削除 番号」で整理してください。",
        "Note: {entry_id} \"{question}\" already answers this; if they duplicate, remove one with \"/dx faq remove ID\".",
    ),
    "faq.draft.asker_words": (
        ("質問文が質問者の言葉のままです:「{question}」\n"
         "FAQの見出しになるので、先に言葉を整えてください:「/dx FAQ 編集 {id} 質問 新しい質問文」。"
         "このまま公開する場合は「このまま公開」を押すか「/dx FAQ 公開 {id} そのまま」と入力してください。"),
        ("The question is still in the asker's words: \"{question}\"\n"
         "It becomes the FAQ title, so reword it first: \"/dx faq edit {id} question new text\". "
         "To publish it as it is, press \"Publish as is\" or type \"/dx faq publish {id} anyway\"."),
    ),
    "faq.draft.similar_before": (
        ("公開する前にご確認ください: よく似たFAQ {entry_id}「{question}」がすでにあります。"
         "見比べるには「/dx FAQ 表示 {entry_id}」、重複なら案を捨てる「/dx FAQ 破棄 {id}」。"
         "別の内容として公開する場合は「このまま公開」を押すか「/dx FAQ 公開 {id} そのまま」と入力してください。"),
        ("Before publishing: {entry_id} \"{question}\" already answers a similar question. Compare with "
         "\"/dx faq show {entry_id}\"; if it is a duplicate, drop the draft with \"/dx faq discard {id}\". "
         "To publish it anyway, press \"Publish as is\" or type \"/dx faq publish {id} anyway\"."),
    ),
    "faq.draft.publish_anyway": ("このまま公開", "Publish as is"),
    "faq.draft.confirm_edit": ("次の内容で直します: {id} の{field}を「{value}」に（今: {old}）（コマンド: {command}） よろしいですか？",
                               "Change {id}: {field} to \"{value}\" (now: {old}) (command: {command}). OK?"),
    "faq.draft.confirm_discard": ("FAQ案 {id}（質問: {question}）を破棄します（コマンド: {command}） よろしいですか？",
                                  "Discard draft {id} (question: {question}) (command: {command}). OK?"),
    "faq.draft.change_ask": ("{id} の{field}をどう直しますか？新しい文を入力してください（例: VPNにつながらないときは？）。",
                             "What should {id}'s {field} say? Type the new text (e.g. What if the VPN does not connect?)."),
    "faq.draft.change_dropped": ("FAQ案 {id} はそのままにしました（何も変わっていません）。",
                                 "Draft {id} is kept as it was (nothing changed)."),
    "faq.draft.discarded": ("FAQ案 {id} を破棄しました。", "Draft {id} discarded."),
    "faq.drafts.title": ("公開前のFAQ案（{count}件）", "Drafts waiting for review ({count})"),
    "faq.drafts.empty": ("公開待ちのFAQ案はありません。", "No drafts waiting for review."),
    "faq.drafts.line": ("{id}  質問: {question}\n      回答: {answer}（提案: {who}、元: {source}）",
                        "{id}  Q: {question}\n      A: {answer} (by {who}, from {source})"),
    "faq.drafts.how": (
        "言葉を整える: /dx FAQ 編集 {id} 質問 新しい質問文 ／ 公開: /dx FAQ 公開 {id} ／ 破棄: /dx FAQ 破棄 {id}",
        "Reword: /dx faq edit {id} question new text / publish: /dx faq publish {id} / discard: /dx faq discard {id}",
    ),
    "faq.propose.usage": ("faq propose 質問 | 回答", "faq propose question | answer"),
    "faq.entry.unpublished": ("{entry_id} を非公開にしました。FAQ案 {id} として残しています（戻すには「/dx FAQ 公開 {id}」）。",
                              "{entry_id} is unpublished and kept as draft {id} (\"/dx faq publish {id}\" brings it back)."),
    "faq.entry.removed": ("{entry_id}（{question}）を削除しました。元に戻すには「/dx FAQ 元に戻す {entry_id}」。",
                          "Deleted {entry_id} ({question}). \"/dx faq undo {entry_id}\" brings it back."),
    "faq.entry.restored": ("{entry_id}（{question}）を元に戻しました。", "Restored {entry_id} ({question})."),
    "faq.undo.nothing": ("{entry_id} は削除された記録がありません。", "There is no deleted {entry_id} to restore."),
    "faq.undo.taken": ("{entry_id} はすでに使われているため戻せません。", "{entry_id} is in use, so it cannot be restored."),
    "faq.answered.already": (
        "Q-{id} はすでに回答済みです。", "Q-{id} has already been answered."
    ),
    "faq.unanswered.not_found": ("質問 Q-{id} は見つかりません。", "Question Q-{id} was not found."),
    "faq.unanswered.empty": ("未回答の質問はありません。", "There are no unanswered questions."),
    "faq.unanswered.title": ("未回答の質問（{count}件）", "Unanswered questions ({count})"),
    "faq.unanswered.none_waiting": ("担当者への転送を待っている質問はありません。", "No forwarded question is waiting."),
    "faq.unanswered.kept_title": (
        "FAQ改善候補（{count}件）: FAQで答えられず、質問者が転送しなかった質問です。回答は不要です。FAQ項目の追加に役立ててください。",
        ("FAQ improvement material ({count}): questions the FAQ could not answer that the asker chose not to "
         "forward. Nobody is waiting for an answer; use them for new FAQ entries."),
    ),
    "faq.suggestions.empty": ("承認待ちの言い換え候補はありません。", "No phrasings are waiting for review."),
    "faq.suggestions.title": ("承認待ちの言い換え候補（{count}件）", "Phrasings waiting for review ({count})"),
    "faq.suggestions.item": ("S-{id}「{text}」→ {entry_id}「{question}」", "S-{id} \"{text}\" -> {entry_id} \"{question}\""),
    "faq.suggestions.approve": ("承認", "Approve"),
    "faq.suggestions.reject": ("却下", "Reject"),
    "faq.suggestions.approved": (
        "S-{id} を承認し、{entry_id} の言い換えに追加しました。",
        "Approved S-{id}: added as an alternate phrasing of {entry_id}.",
    ),
    "faq.suggestions.usage": ("言い換え候補の番号を指定してください。例:「/dx FAQ 承認 {example}」（一覧は「/dx FAQ 言い換え」）",
                              "Name a suggestion, e.g. \"/dx faq approve {example}\" (\"/dx faq suggestions\" lists them)."),
    "faq.introduction": (
        ("DX Desk です。DX推進室の相談窓口として、次の5つのお手伝いをしています。\n"
         "1. 質問への回答（FAQから探し、見つからなければ担当者へ転送）\n"
         "2. 会議の案内と出欠の受付\n"
         "3. 月次の進捗報告の受付\n"
         "4. デジタルスキル診断\n"
         "5. 管理者向けの集計と書き出し\n"
         "ご質問はそのまま書いてください。使い方は「/dx ヘルプ」でご覧いただけます。"),
        ("I'm DX Desk, the help desk of the DX office. I do five jobs:\n"
         "1. answer questions (from the FAQ, or forwarded to a person)\n"
         "2. announce meetings and take RSVPs\n"
         "3. collect the monthly progress reports\n"
         "4. run the digital skills assessment\n"
         "5. summaries and exports for admins\n"
         "Just type your question; \"/dx help\" shows the commands."),
    ),
    "faq.suggestions.rejected": ("S-{id} を却下しました。", "Rejected S-{id}."),
    "faq.suggestions.not_found": (
        "言い換え候補 S-{id} は見つからないか、処理済みです。",
        "Suggestion S-{id} was not found or was already reviewed.",
    ),
    "faq.add.usage": (
        "/dx FAQ 追加 質問 | 回答 | カテゴリ（省略可）",
        "/dx faq add question | answer | category (optional)",
    ),
    "faq.add.done": ("{entry_id} を登録しました:「{question}」", "Added {entry_id}: \"{question}\""),
    "faq.edit.usage": (
        "/dx FAQ 編集 FAQ-ID 項目 新しい内容（項目: 質問・回答・カテゴリ・タグ・言い換え・担当部署）",
        "/dx faq edit FAQ-ID field new value (field: question, answer, category, tags, alternates)",
    ),
    "faq.edit.done": ("{entry_id} の{field}を更新しました。", "Updated {field} of {entry_id}."),
    "faq.entry.not_found": ("{entry_id} は見つかりません。", "{entry_id} was not found."),
    "faq.show.title": ("{entry_id}: {question}", "{entry_id}: {question}"),
    "faq.answer.usage": (
        "/dx FAQ 回答 Q-番号 回答文", "/dx faq answer Q-number answer text"
    ),
    "faq.field.question": ("質問", "question"),
    "faq.field.answer": ("回答", "answer"),
    "faq.field.category": ("カテゴリ", "category"),
    "faq.field.tags": ("タグ", "tags"),
    "faq.field.alternates": ("言い換え", "alternates"),
    "faq.field.department": ("担当部署", "department"),
    "faq.field.asked_by": ("質問者", "asked by"),
    "faq.field.status": ("状態", "status"),
    "faq.status.unknown": (
        "Q-{id} というご質問は見つかりませんでした。ご自分の質問は「自分の質問一覧」でご覧になれます。",
        "I found no question Q-{id} of yours. Type \"my questions\" to see the list.",
    ),
    "faq.status.asker": ("質問者: {asker}／転送先: {destination}", "Asked by: {asker} / sent to: {destination}"),
    "faq.status.answerer": ("／回答: {answerer}", " / answered by: {answerer}"),
    "faq.status.answer": ("回答:\n{answer}", "Answer:\n{answer}"),
    "faq.status.open": ("未転送", "not forwarded"),
    "faq.status.forwarded": ("転送済み・回答待ち", "forwarded, awaiting answer"),
    "faq.status.answered": ("回答済み", "answered"),
    "faq.status.closed": ("対応済み", "closed"),
    "faq.not_yours": (
        "この操作は質問した方のみ行えます。", "Only the person who asked can do this."
    ),
    "faq.category.new": ("未分類", "Uncategorised"),
    "faq.draft.category_ask": (
        ("{id} にはカテゴリがありません。近いFAQ（{entries}）のカテゴリは「{category}」です。"
         "このカテゴリで公開しますか？ ほかのカテゴリはボタンか番号（1〜{last}）で選べます。"
         "新しいカテゴリにするときは、その名前を入力してください（やめる場合は「やめる」）。"),
        ("{id} has no category. The closest entries ({entries}) are in \"{category}\". Publish it there? "
         "Pick another with a button or its number (1-{last}), or type a new category's name (or \"cancel\")."),
    ),
    "faq.draft.category_not_name": (
        ("カテゴリ名として受け取れませんでした。{id} のカテゴリを、ボタンか番号（1〜{last}）で選ぶか、"
         "新しいカテゴリ名を入力してください（やめる場合は「やめる」）。"),
        ("That doesn't look like a category name. Pick {id}'s category with a button or its number (1-{last}), "
         "or type a new category's name (or \"cancel\")."),
    ),
    "faq.draft.category_still": (
        "{id} のカテゴリはまだ決まっていません（「はい」で「{category}」、ほかは番号かカテゴリ名。やめる場合は「やめる」）。",
        "{id} still has no category (\"yes\" for \"{category}\", or a number or a name; \"cancel\" to stop).",
    ),
    "faq.draft.publish_still": (
        "{id} を公開しますか？（「はい」で公開、「いいえ」でそのまま）",
        "Publish {id}? (\"yes\" to publish, \"no\" to keep it)",
    ),
    "faq.draft.change_still": (
        "{id} の修正はまだ確認待ちです（「はい」で直す、「やめる」でそのまま）。",
        "The change to {id} still waits for your answer (\"yes\" to make it, \"cancel\" to drop it).",
    ),
    "faq.draft.category_again": (
        ("{id} のカテゴリをお聞きしてから時間がたったため、公開の前にもう一度確認します。"
         "近いFAQ（{entries}）のカテゴリは「{category}」です。ボタンか番号（1〜{last}）で選ぶか、"
         "新しいカテゴリ名を入力してください（やめる場合は「やめる」）。"),
        ("Some time has passed since I asked for {id}'s category, so I'm checking again before publishing. "
         "The closest entries ({entries}) are in \"{category}\". Pick one with a button or its number "
         "(1-{last}), or type a new category's name (or \"cancel\")."),
    ),
    "faq.draft.category_accept": ("「{category}」で公開", "Publish in \"{category}\""),
    "faq.draft.category_set": ("カテゴリ: {category}", "Category: {category}"),
    "faq.draft.category_kept": ("{id} は公開せず、FAQ案のまま残しました。", "{id} was not published; it stays a draft."),
    "faq.synonyms.title": ("同義語辞書（{count}グループ）", "Synonym dictionary ({count} groups)"),
    "faq.synonyms.empty": ("該当する同義語はありません。", "No matching synonyms."),
    "faq.synonym_add.usage": (
        "/dx FAQ 類義語 追加 語1 語2 …（同じ意味の語をスペース区切りで）",
        "/dx faq synonym add word1 word2 ... (words that mean the same, separated by spaces)",
    ),
    "faq.synonym_add.done": ("同義語を登録しました: {group}", "Synonyms saved: {group}"),
    "faq.unknown_person": ("不明", "unknown"),
    "faq.no_department": ("所属未登録", "no department"),
    "faq.test_message": (
        ("メッセージは届いています。ご質問はそのまま文章で書いてください（例:「VLOOKUPの使い方」"
         "「Teamsで画面共有するには？」）。"),
        ("Your message arrived. Just type your question (for example: \"How do I use VLOOKUP?\", "
         "\"How do I share my screen in Teams?\")."),
    ),
    "faq.not_a_question": (
        "ご質問でしたら、そのまま文章で書いてください（例:「VLOOKUPの使い方」「Teamsで画面共有するには？」）。",
        "If you have a question, just type it (for example: \"How do I use VLOOKUP?\").",
    ),
    "faq.later": (
        "わかりました。ご都合のよいときにどうぞ。途中の診断や報告は「続きから」で再開できます（回答は保存されています）。",
        "Sure, whenever suits you. Type \"continue\" to pick up a paused assessment or report (your answers are kept).",
    ),
    "faq.stray_poll_answer": (
        ("スキル診断への回答のようですが、いま回答中の診断はありません。診断は案内のボタンか「診断をはじめる」で"
         "始められます。ご質問でしたら、そのまま文章で書いてください。"),
        ("That looks like an answer to the skill assessment, but you are not taking one right now. Start it from "
         "its invitation or by typing \"start assessment\". If you have a question, just type it."),
    ),
    "faq.nothing_pending": (
        "いまお答えいただく質問や選ぶボタンはありません。ご質問があれば、そのまま文章で書いてください。"
        "（例:「VLOOKUPの使い方」）",
        "There is nothing to answer or choose right now. If you have a question, just type it "
        "(for example: \"How do I use VLOOKUP?\").",
    ),
    "faq.smalltalk": (
        "話しかけてくださってうれしいです。DX Desk はお仕事のデジタル化やITのご質問が得意です。"
        "Excel、会議ツール、オンライン申請、セキュリティなど、お気軽にどうぞ。",
        "Thanks for chatting! DX Desk is best at questions about digital work and IT: "
        "Excel, meeting tools, online procedures, security and more.",
    ),
    "faq.greeting_chat": (
        "{greeting}話しかけてくださってうれしいです。"
        "DX Desk はExcel、会議ツール、オンライン申請、セキュリティなど、お仕事のデジタル化のご質問にお答えします。"
        "お気軽にどうぞ。",
        "{greeting}Nice to hear from you. DX Desk answers questions about digital work: "
        "Excel, meeting tools, online procedures, security and more.",
    ),
    "faq.thanks": ("どういたしまして。またいつでもどうぞ。", "You're welcome. Ask me any time."),
    "faq.outside": (
        ("DX Desk はお仕事のデジタル化やITのご質問にお答えしています。"
         "お仕事のご質問でしたら、使っているシステムや操作の言葉を入れてもう一度どうぞ。"),
        ("DX Desk answers questions about digital work and IT. If this is a work question, "
         "please ask again naming the system or task."),
    ),
    "faq.other_desk": (
        "DX Desk はお仕事のデジタル化やITのご質問にお答えしています。{about}のことは{name}にお問い合わせください。",
        "DX Desk answers questions about digital work and IT. For {about}, please ask {name}.",
    ),
    # --- help lines -----------------------------------------------------------------------
    "cmd.faq.search": ("faq search 質問 — FAQの検索結果（スコア付き）", "faq search question — FAQ ranking with scores"),
    "cmd.faq.show": ("faq show FAQ-ID — FAQの内容を表示", "faq show FAQ-ID — show one entry"),
    "cmd.faq.english": ("faq english FAQ番号 英語の質問 | 英語の回答 | 英語のカテゴリ — 英語を選んだ職員向けの英訳",
                        "faq english FAQ-id question | answer | category — the entry in English"),
    "faq.english.usage": (
        "/dx FAQ 英訳 FAQ-012 How do I reset my password? | Call the help desk (ext. 1234). | Security"
        "（カテゴリは省略可。英訳を消すときは /dx FAQ 英訳 FAQ-012 -）",
        "/dx faq english FAQ-012 How do I reset my password? | Call the help desk (ext. 1234). | Security"
        " (the category is optional; /dx faq english FAQ-012 - removes the English wording)",
    ),
    "faq.english.done": ("{entry_id}「{question}」に英訳を登録しました。英語を選んだ職員にはこの英訳で答えます。",
                         "Saved the English wording of {entry_id} \"{question}\"; staff who chose English get it."),
    "faq.english.cleared": ("{entry_id}「{question}」の英訳を削除しました。",
                            "Removed the English wording of {entry_id} \"{question}\"."),
    "cmd.faq.add": ("faq add 質問 | 回答 | カテゴリ — FAQを登録", "faq add question | answer | category — add an entry"),
    "cmd.faq.edit": ("faq edit FAQ-ID 項目 内容 — FAQを修正", "faq edit FAQ-ID field value — edit an entry"),
    "cmd.faq.synonyms": ("faq synonyms [語] — 同義語辞書を表示", "faq synonyms [word] — show the synonym dictionary"),
    "cmd.faq.synonym_add": ("faq synonym add 語1 語2 … — 同義語を登録", "faq synonym add w1 w2 ... — add synonyms"),
    "cmd.faq.unanswered": ("faq unanswered — 担当者の回答待ちの質問とFAQ改善候補",
                           "faq unanswered — questions waiting for a person, and FAQ improvement material"),
    "cmd.faq.answer": ("faq answer Q-番号 回答 — 質問者に回答し、FAQ案を作成", "faq answer Q-id text — answer the asker, draft a FAQ entry"),
    "cmd.faq.drafts": ("faq drafts — 公開前のFAQ案", "faq drafts — drafts waiting for review"),
    "cmd.faq.propose": ("faq propose 質問 | 回答 — FAQ案を提案", "faq propose question | answer — propose an entry"),
    "cmd.faq.publish": ("faq publish D-番号 — FAQ案を公開", "faq publish D-id — publish a draft"),
    "cmd.faq.discard": ("faq discard D-番号 — FAQ案を破棄", "faq discard D-id — discard a draft"),
    "cmd.faq.unpublish": ("faq unpublish FAQ-番号 — 非公開にする（案に戻す）", "faq unpublish FAQ-id — unpublish (back to drafts)"),
    "cmd.faq.remove": ("faq 削除 FAQ-番号 — 削除（「/dx FAQ 元に戻す FAQ-番号」で戻せます）", "faq remove FAQ-id — delete (faq undo restores)"),
    "cmd.faq.undo": ("faq undo FAQ-番号 — 削除を取り消す", "faq undo FAQ-id — restore a deleted entry"),
    "cmd.faq.suggestions": ("faq suggestions — 言い換え候補の承認・却下", "faq suggestions — review proposed phrasings"),
    "cmd.faq.approve": ("faq approve S-番号 — 言い換え候補を承認", "faq approve S-id — approve a phrasing"),
    "cmd.faq.reject": ("faq reject S-番号 — 言い換え候補を却下", "faq reject S-id — reject a phrasing"),
    # /dx help: this job's group, its word for 「/dx help …」, an example line per role.
    "help.group.faq": ("相談窓口（FAQ）", "Consultation desk (FAQ)"),
    "help.group.faq.word": ("FAQ", "faq"),
    "help.examples.faq.admin": ("例: /dx FAQ 検索 パスワード ／ /dx FAQ 未回答 ／ /dx FAQ 下書き ／ /dx FAQ 公開 D-1",
                                "e.g. /dx faq search password / faq unanswered / faq drafts / faq publish D-1"),
    "help.examples.faq.liaison": ("例: /dx FAQ 検索 パスワード ／ /dx FAQ 未回答 ／ /dx FAQ 回答 Q-3 総務課へ申請してください",
                                  "e.g. /dx faq search password / faq unanswered / faq answer Q-3 text"),
    "help.examples.faq.staff": (("質問はそのまま書いてください（例:「Zoomで画面共有するには？」）。"
                                 "担当者に転送した質問の状況は「/dx FAQ 自分」"),
                                ("Just type your question (e.g. \"How do I share my screen in Zoom?\"). "
                                 "\"/dx faq me\" shows your forwarded questions.")),
}

register(MESSAGES)
