"""The audit log's table in SQL: SQLite by default, PostgreSQL when configured.

Where: ``AKTE_AUDIT_DSN`` (``sqlite:///absolute/path.sqlite`` or a PostgreSQL DSN,
``postgresql://…`` or ``host=… dbname=…``); without it the PostgreSQL database of
RelStorage (``AKTE_RELSTORAGE_DSN``, table ``akte_audit``), else ``audit.sqlite`` in
the instance's data directory (``AKTE_VAR``, Zope's ``CLIENT_HOME``).

Not collective.auditlog (README, "Protokoll"): it writes through content rules and
SQLAlchemy 1.x, knows no downloads, logins or IP, and has no per-mandate index.

One table, append-only; every read is an index range scan (newest first) on one of
``(mandat, at)``, ``(mandant, at)``, ``(uid, at)``, ``(userid, at)``,
``(client_number, at)`` or ``(at)``, so its cost does not grow with the table.
Times are ISO 8601 strings in UTC (``2026-12-04T10:15:00.123456Z``): they sort as
they read, in both databases.
"""

from dataclasses import dataclass
from datetime import datetime
from datetime import UTC

import contextlib
import json
import os
import sqlite3
import threading


TABLE = "akte_audit"
COLUMNS = (
    "at",
    "userid",
    "role",
    "ip",
    "kind",
    "result",
    "uid",
    "path",
    "title",
    "mandant",
    "mandat",
    "client_number",
    "detail",
)
INDEXES = {
    "mandat": ("mandat", "at"),
    "mandant": ("mandant", "at"),
    "uid": ("uid", "at"),
    "userid": ("userid", "at"),
    "client_number": ("client_number", "at"),
    "at": ("at",),
}


@dataclass(frozen=True)
class Entry:
    id: int
    at: str
    userid: str
    role: str
    ip: str
    kind: str
    result: str
    uid: str
    path: str
    title: str
    mandant: str
    mandat: str
    client_number: str
    detail: dict

    @property
    def time(self):
        return datetime.fromisoformat(self.at.replace("Z", "+00:00"))


def utcnow():
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def as_text(moment):
    """A datetime (naive = UTC) or an ISO string as the table's time string."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment.replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def configured_dsn():
    """The DSN of the audit log from the environment (see the module's doc)."""
    dsn = os.environ.get("AKTE_AUDIT_DSN", "").strip()
    if dsn:
        return dsn
    relstorage = os.environ.get("AKTE_RELSTORAGE_DSN", "").strip()
    if relstorage:
        return relstorage
    home = os.environ.get("AKTE_VAR") or os.environ.get("CLIENT_HOME")
    if not home:
        raise RuntimeError(
            "Protokoll: weder AKTE_AUDIT_DSN noch AKTE_VAR/CLIENT_HOME gesetzt"
        )
    return "sqlite:///" + os.path.join(os.path.abspath(home), "audit.sqlite")


class Dialect:
    placeholder = "?"
    id_column = "id INTEGER PRIMARY KEY AUTOINCREMENT"

    def __init__(self, dsn):
        self.dsn = dsn

    def connect(self):
        path = self.dsn[len("sqlite:///") - 1 :]
        os.makedirs(os.path.dirname(path), exist_ok=True)
        connection = sqlite3.connect(path, timeout=30, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        return connection

    def begin(self, connection):
        connection.execute("BEGIN IMMEDIATE")

    def commit(self, connection):
        connection.execute("COMMIT")

    def rollback(self, connection):
        if connection.in_transaction:
            connection.execute("ROLLBACK")

    def broken(self, error):
        return False


class PostgreSQLDialect(Dialect):
    placeholder = "%s"
    id_column = "id BIGSERIAL PRIMARY KEY"

    def connect(self):
        import psycopg2  # only where the portal runs on PostgreSQL (extra "postgres")

        connection = psycopg2.connect(self.dsn)
        connection.autocommit = False
        return connection

    def begin(self, connection):
        pass  # psycopg2 opens a transaction with the first statement

    def commit(self, connection):
        connection.commit()

    def rollback(self, connection):
        if not connection.closed:
            connection.rollback()

    def broken(self, error):
        import psycopg2

        return isinstance(error, psycopg2.OperationalError | psycopg2.InterfaceError)


def dialect_for(dsn):
    if dsn.startswith("sqlite:///"):
        return Dialect(dsn)
    return PostgreSQLDialect(dsn)


class Store:
    """The table behind one DSN; one connection per thread."""

    def __init__(self, dsn):
        self.dsn = dsn
        self.dialect = dialect_for(dsn)
        self._local = threading.local()
        self._created = False
        self._create_lock = threading.Lock()

    # --- connections -------------------------------------------------------------

    def connection(self):
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self.dialect.connect()
            self._local.connection = connection
            with self._create_lock:
                if not self._created:
                    self._create(connection)
                    self._created = True
        return connection

    def reset(self):
        connection = getattr(self._local, "connection", None)
        self._local.connection = None
        if connection is not None:
            with contextlib.suppress(Exception):  # a broken one is dropped anyway
                connection.close()

    def _create(self, connection):
        columns = ", ".join(f"{name} TEXT NOT NULL DEFAULT ''" for name in COLUMNS)
        cursor = connection.cursor()
        self.dialect.begin(connection)
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} ({self.dialect.id_column}, {columns})"
        )
        for name, columns in INDEXES.items():
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {TABLE}_{name} ON {TABLE} "
                f"({', '.join(columns)})"
            )
        self.dialect.commit(connection)

    # --- writing -----------------------------------------------------------------

    def insert(self, connection, rows):
        """INSERT ``rows`` (dicts of COLUMNS) in the open transaction."""
        marks = ", ".join([self.dialect.placeholder] * len(COLUMNS))
        statement = f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({marks})"
        values = [tuple(_column_value(row, name) for name in COLUMNS) for row in rows]
        connection.cursor().executemany(statement, values)

    def begin(self):
        """A connection with an open write transaction (``commit``/``rollback``)."""
        for attempt in (1, 2):
            connection = self.connection()
            try:
                self.dialect.begin(connection)
                return connection
            except Exception as error:
                if attempt == 2 or not self.dialect.broken(error):
                    raise
                self.reset()

    def commit(self, connection):
        self.dialect.commit(connection)

    def rollback(self, connection):
        try:
            self.dialect.rollback(connection)
        except Exception:
            self.reset()
            raise

    def append(self, rows):
        """Write ``rows`` now, in a transaction of their own."""
        for attempt in (1, 2):
            connection = self.begin()
            try:
                self.insert(connection, rows)
                self.commit(connection)
                return
            except Exception as error:
                self.rollback(connection)
                if attempt == 2 or not self.dialect.broken(error):
                    raise
                self.reset()

    def delete_before(self, moment, kinds=None, except_kinds=None):
        """Delete entries older than ``moment`` (of ``kinds``, or not of
        ``except_kinds``); the number deleted."""
        where, params = ["at < {p}"], [as_text(moment)]
        if kinds is not None:
            where.append(self._in("kind", kinds, params))
        if except_kinds is not None:
            where.append("NOT " + self._in("kind", except_kinds, params))
        statement = f"DELETE FROM {TABLE} WHERE " + " AND ".join(where)
        connection = self.begin()
        try:
            cursor = connection.cursor()
            cursor.execute(statement.replace("{p}", self.dialect.placeholder), params)
            count = cursor.rowcount
            self.commit(connection)
        except Exception:
            self.rollback(connection)
            raise
        return count

    # --- reading -----------------------------------------------------------------

    def _in(self, column, values, params):
        values = sorted(values)
        params.extend(values)
        return f"{column} IN ({', '.join(['{p}'] * len(values))})"

    def query(
        self,
        *,
        mandat=None,
        mandant=None,
        uid=None,
        userid=None,
        client_number=None,
        kinds=None,
        since=None,
        until=None,
        limit=100,
        offset=0,
        oldest_first=False,
    ):
        """Entries matching every given filter, newest first (or oldest first)."""
        where, params = [], []
        for column, value in (
            ("mandat", mandat),
            ("mandant", mandant),
            ("uid", uid),
            ("userid", userid),
            ("client_number", client_number),
        ):
            if value is not None:
                where.append(f"{column} = {{p}}")
                params.append(value)
        if kinds is not None:
            if not kinds:
                return []
            where.append(self._in("kind", kinds, params))
        if since is not None:
            where.append("at >= {p}")
            params.append(as_text(since))
        if until is not None:
            where.append("at < {p}")
            params.append(as_text(until))
        direction = "ASC" if oldest_first else "DESC"
        statement = f"SELECT id, {', '.join(COLUMNS)} FROM {TABLE}"
        if where:
            statement += " WHERE " + " AND ".join(where)
        statement += f" ORDER BY at {direction}, id {direction}"
        statement += " LIMIT {p} OFFSET {p}"
        params.extend([int(limit), int(offset)])
        statement = statement.replace("{p}", self.dialect.placeholder)
        for attempt in (1, 2):
            connection = self.connection()
            try:
                cursor = connection.cursor()
                cursor.execute(statement, params)
                rows = cursor.fetchall()
                if not isinstance(self.dialect, PostgreSQLDialect):
                    break
                connection.rollback()  # end the read transaction psycopg2 opened
                break
            except Exception as error:
                if attempt == 2 or not self.dialect.broken(error):
                    raise
                self.reset()
        return [_entry(row) for row in rows]

    def count(self):
        connection = self.connection()
        cursor = connection.cursor()
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")
        (number,) = cursor.fetchone()
        if isinstance(self.dialect, PostgreSQLDialect):
            connection.rollback()
        return number


def _column_value(row, name):
    value = row.get(name)
    if name == "detail":
        return json.dumps(value or {}, ensure_ascii=False, sort_keys=True)
    return "" if value is None else str(value)


def _entry(row):
    values = dict(zip(("id", *COLUMNS), row, strict=True))
    values["detail"] = json.loads(values["detail"] or "{}")
    return Entry(**values)


_stores = {}
_stores_lock = threading.Lock()


def get_store(dsn=None):
    """The store of ``dsn`` (default: ``configured_dsn()``), opened once per process."""
    dsn = dsn or configured_dsn()
    with _stores_lock:
        store = _stores.get(dsn)
        if store is None:
            store = _stores[dsn] = Store(dsn)
        return store
