from tests.support.dialogue import Person

async def test_repro(app_factory, clock):
    app = await app_factory(clock=clock)
    for ctx, q in [("テレワークでLGWANにつなぐにはどうすればいい？", "それってZoomでも同じ？"),
                   ("テレワークしたいんだけどどうやるの", "それってZoomでも同じ？"),
                   ("在宅勤務で庁内システム使える？", "じゃあZoomは？"),
                   ("テレワークでLGWANにつなぐにはどうすればいい？", "あとTeamsは？"),
                   ("テレワークでLGWANにつなぐにはどうすればいい？", "Teamsは？"),
                   ("Teamsで画面共有するには？", "それってZoomでも同じ？"),
                   ("パスワードを忘れた", "それって土日でもやってもらえる？"),
                   ("テレワークでLGWANにつなぐにはどうすればいい？", "じゃあVLOOKUPの使い方を教えて"),
                   ]:
        y = Person(app, "u"+str(abs(hash(ctx+q))%1000), "x")
        await y.say(ctx); a = y.text().splitlines()[0]
        await y.say(q)
        print("\n", ctx, "|", q, "\n   ", a[:40], "\n   ", y.text().replace("\n"," / ")[:200])
