"""Opening the store (打开存储库): where it is, its engine, and its schema brought up to date.

The store is a SQLite file by default (``platformdirs.user_data_dir("jixiao")/jixiao.db``), or
the one ``--db`` or ``JIXIAO_DB`` names: a path, or a URL (``sqlite:///…``,
``postgresql+psycopg://user@host/db``). Opening migrates it to the newest schema (Alembic, run
in code from the installed package), under the store's write lock, so that two processes
opening a new store at once migrate it once.

SQLite is opened in WAL mode with a busy timeout, and its transactions are SQLite's own
(``BEGIN`` for reading, ``BEGIN IMMEDIATE`` for writing), so that a second process waits for
the first instead of failing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from alembic.util.exc import CommandError
from sqlalchemy.exc import ArgumentError, InterfaceError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session

from ..errors import JixiaoError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DIALECTS = ("sqlite", "postgresql")
BUSY_SECONDS = 60            # how long a SQLite writer waits for another one
_LOCK = 0x6A69786961         # the PostgreSQL advisory lock of a migration ("jixia")


def default_path() -> Path:
    """The default store: ``jixiao.db`` in the user's data folder."""
    import platformdirs
    return Path(platformdirs.user_data_dir("jixiao")) / "jixiao.db"


def resolve(db: str | None = None) -> str:
    """The store's URL: ``db`` (a path or a URL), else ``$JIXIAO_DB``, else the default file."""
    given = db or os.environ.get("JIXIAO_DB") or str(default_path())
    if "://" in given:
        return given
    path = Path(given).expanduser().resolve()
    return f"sqlite:///{path}"


def missing_file(url: str) -> Path | None:
    """The SQLite file ``url`` names, when it does not exist (None: it does, or not SQLite)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    path = Path(parsed.database)
    return None if path.exists() else path


def store_error(url: str, zh: str, en: str) -> JixiaoError:
    """An error about the store, naming it without its password."""
    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        shown = url
    return JixiaoError("JX004", zh, en, shown)


@dataclass
class Store:
    """An open store (存储库): its URL and engine; ``reading()`` and ``writing()`` give sessions."""

    url: str
    engine: Engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def reading(self) -> Session:
        """A session for reading (SQLite: a deferred transaction, many at once)."""
        return Session(self.engine, expire_on_commit=False)

    def writing(self) -> Session:
        """A session for writing (SQLite: ``BEGIN IMMEDIATE``, one writer at a time, others wait)."""
        return Session(self.engine.execution_options(jixiao_write=True), expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def make_engine(url: str) -> Engine:
    """The engine of ``url`` (SQLite or PostgreSQL; JX004 for another or a missing driver)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise store_error(url, "存储库地址无法识别", "the store's URL cannot be parsed") from None
    if parsed.get_backend_name() not in DIALECTS:
        raise store_error(url, "存储库只支持 SQLite 和 PostgreSQL", "the store supports SQLite and PostgreSQL only")
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            try:
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise store_error(url, f"无法创建存储库所在的文件夹（{exc.strerror}）",
                                  f"cannot create the store's folder ({exc.strerror})") from None
        engine = create_engine(parsed, connect_args={"timeout": BUSY_SECONDS})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError):
        raise store_error(url, "未安装 PostgreSQL 驱动：pip install 'jixiao[postgres]'",
                          "the PostgreSQL driver is not installed: pip install 'jixiao[postgres]'") from None


def _sqlite_connect(dbapi_connection, record) -> None:
    dbapi_connection.isolation_level = None   # transactions are begun by _sqlite_begin, as SQLite means them
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_SECONDS * 1000}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(conn) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("jixiao_write") else "BEGIN")


def alembic_config(connection=None) -> Config:
    """Alembic's configuration, built in code: the migrations of the installed package."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head() -> str | None:
    """The newest revision of the schema."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current(engine: Engine) -> str | None:
    """The store's revision (None: an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, revision: str = "head", down: bool = False) -> None:
    """Upgrade (or with ``down`` downgrade) the schema to ``revision``, in one transaction that
    holds the store's write lock."""
    with engine.connect().execution_options(jixiao_write=True) as conn:
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
            cfg = alembic_config(conn)
            (command.downgrade if down else command.upgrade)(cfg, revision)


def open_store(db: str | None = None, upgrade: bool = True) -> Store:
    """Open the store ``db`` names (see :func:`resolve`) and bring its schema up to date."""
    url = resolve(db)
    engine = make_engine(url)
    try:
        if upgrade and current(engine) != head():
            migrate(engine)
    except CommandError:   # a revision this jixiao does not know
        engine.dispose()
        raise store_error(url, "存储库的结构版本比本版 jixiao 新，请升级 jixiao",
                          "the store's schema is newer than this jixiao; upgrade jixiao") from None
    except (OperationalError, InterfaceError) as exc:
        engine.dispose()
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise store_error(url, f"无法打开存储库（{detail}）", f"cannot open the store ({detail})") from None
    return Store(url, engine)
