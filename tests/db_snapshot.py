"""Every row of every table of an app's database, to assert that a refused request changed nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import MetaData, select

from storage import db


async def snapshot(app: Any, *, skip: tuple[str, ...] = ()) -> dict[str, list[tuple[Any, ...]]]:
    """{table: sorted rows} for all tables of the running app's database (reflected, so tables
    added later are covered too)."""
    metadata = MetaData()
    async with app.engine.connect() as conn:
        await conn.run_sync(metadata.reflect)
    tables: dict[str, list[tuple[Any, ...]]] = {}
    async with db.sessionmaker(app.engine)() as session:
        for table in metadata.sorted_tables:
            if table.name in skip:
                continue
            rows = (await session.execute(select(table))).all()
            tables[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return tables
