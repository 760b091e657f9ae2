"""Alembic environment: runs with a synchronous driver; on PostgreSQL replicas serialise via an
advisory lock so that two processes starting together do not migrate at once."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool, text

from storage.tables import Base

config = context.config
target_metadata = Base.metadata
MIGRATION_LOCK = 7_340_001


def run_migrations_offline() -> None:
    context.configure(url=config.attributes["sync_url"], target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is None:
        engine = create_engine(config.attributes["sync_url"], poolclass=pool.NullPool)
    else:
        engine = None
    with (engine.connect() if engine is not None else connectable) as connection:
        is_pg = connection.dialect.name == "postgresql"
        if is_pg:
            connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK})
            connection.commit()
        try:
            context.configure(connection=connection, target_metadata=target_metadata,
                              render_as_batch=True, compare_type=True)
            with context.begin_transaction():
                context.run_migrations()
        finally:
            if is_pg:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK})
                connection.commit()
    if engine is not None:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
