"""Alembic's environment for the store (迁移环境).

``engine.migrate`` hands over a connection already in a transaction that holds the store's
write lock (SQLite ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock), so two processes opening a
new store at once migrate it once. Without one (the ``alembic`` command with a URL), it connects
to ``sqlalchemy.url`` itself.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from jixiao.store.models import Base


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


given = context.config.attributes.get("connection")
if given is not None:
    _run(given)
else:
    engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.connect() as conn:
        _run(conn)
        conn.commit()
    engine.dispose()
