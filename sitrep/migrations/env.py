"""Alembic environment of the Sitrep store, shipped inside the package.

`sitrep.store.engine.migrate()` runs it programmatically: it builds an
`alembic.config.Config` with `script_location` pointing here and hands over an
open connection (already inside the transaction that holds the migration lock) as
`config.attributes["connection"]`. No alembic.ini is involved.

For development (`alembic revision --autogenerate`), a `-x url=...` argument or
the SITREP_DB environment variable names the database instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from sitrep.store.schema import metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    # Development path only: open the database the same way the store does.
    from sitrep.settings import default_db_url
    from sitrep.store.engine import create_store_engine

    url = context.get_x_argument(as_dictionary=True).get("url") or default_db_url()
    engine = create_store_engine(url)
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("the Sitrep store has no offline (SQL script) migration mode")
run_migrations_online()
