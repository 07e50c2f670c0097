"""Backup and restore of the whole system: the database and the uploaded files (MEDIA_ROOT)
in one archive, ``manage.py backup`` and ``manage.py restore``.

The database is copied with its own engine's tools, which keep the schema, the constraints and
the sequences exactly and take one consistent snapshot of a running system:

* PostgreSQL — ``pg_dump --format=custom`` inside a REPEATABLE READ transaction whose snapshot
  it shares (``--snapshot``), so the row counts in the manifest are those of the dump; restored
  with ``pg_restore --clean --single-transaction`` (all or nothing);
* SQLite — the online backup API of the sqlite3 module, copied back the same way.

The archive (tar.gz) holds ``manifest.json`` (format, engine, row count of every table, number
and size of the files), the database copy and ``media/``. A restore checks every table's row
count against the manifest.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, transaction
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILE = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
ENGINE_NAME = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}


class BackupError(Exception):
    """A backup or a restore that cannot be done; the message is for the operator."""


@dataclass(frozen=True)
class Manifest:
    engine: str
    created_at: str
    tables: dict[str, int]
    files: int
    file_bytes: int

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    def as_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "engine": self.engine,
                "created_at": self.created_at,
                "tables": self.tables,
                "files": self.files,
                "file_bytes": self.file_bytes,
            },
            ensure_ascii=False,
            indent=1,
        )


def table_counts(connection) -> dict[str, int]:
    """The row count of every table of the database behind ``connection``."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor, include_views=False))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(name)}")  # noqa: S608 - a table name
            counts[name] = cursor.fetchone()[0]
    return counts


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def _postgres_command(connection, program: str) -> tuple[list[str], dict]:
    """``pg_dump``/``pg_restore`` with the connection's settings (host, user, password…)."""
    from django.db.backends.postgresql.client import DatabaseClient

    args, env = DatabaseClient.settings_to_cmd_args_env(connection.settings_dict, [])
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            f"Не найдена программа {program} (пакет postgresql-client той же или более "
            "новой версии, что и сервер PostgreSQL)."
        )
    # The psql arguments (-U, -h, -p, the database name) mean the same to pg_dump/pg_restore.
    return [executable, *args[1:]], {**os.environ, **(env or {})}


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} завершился с ошибкой: {result.stderr.strip()}")


def _dump_postgres(connection, target: Path) -> dict[str, int]:
    command, env = _postgres_command(connection, "pg_dump")
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        counts = table_counts(connection)
        # Still inside the transaction: the snapshot lives as long as it does.
        command[1:1] = [
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--snapshot={snapshot}",
            f"--file={target}",
        ]
        _run(command, env)
    return counts


def _dump_sqlite(connection, target: Path) -> dict[str, int]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        counts = {}
        names = [
            row[0]
            for row in copy.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
            )
        ]
        for name in names:
            quoted = name.replace('"', '""')
            counts[name] = copy.execute(f'SELECT COUNT(*) FROM "{quoted}"').fetchone()[0]  # noqa: S608
    finally:
        copy.close()
    return counts


def _vendor(connection) -> str:
    if connection.vendor not in DATABASE_FILE:
        raise BackupError(f"Резервное копирование базы «{connection.vendor}» не поддерживается.")
    return connection.vendor


def backup_create(*, target: Path, using: str = "default") -> Manifest:
    """Write the database and every uploaded file into one archive at ``target``."""
    connection = connections[using]
    vendor = _vendor(connection)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".backup-") as work:
        database = Path(work) / DATABASE_FILE[vendor]
        if vendor == "postgresql":
            counts = _dump_postgres(connection, database)
        else:
            counts = _dump_sqlite(connection, database)
        files = _media_files()
        manifest = Manifest(
            engine=vendor,
            created_at=timezone.now().isoformat(),
            tables=counts,
            files=len(files),
            file_bytes=sum(path.stat().st_size for path in files),
        )
        (Path(work) / MANIFEST).write_text(manifest.as_json(), encoding="utf-8")
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(Path(work) / MANIFEST, arcname=MANIFEST)
            archive.add(database, arcname=database.name)
            for path in files:
                archive.add(path, arcname=f"{MEDIA}/{path.relative_to(media_root).as_posix()}")
        partial.replace(target)
    return manifest


def read_manifest(source: Path) -> Manifest:
    try:
        with tarfile.open(source, "r:*") as archive:
            member = archive.extractfile(MANIFEST)
            data = json.loads(member.read()) if member else None
    except (tarfile.TarError, KeyError, OSError, ValueError) as exc:
        raise BackupError(f"{source} — не резервная копия АИС «Ресурс»: {exc}") from exc
    if not data or data.get("format") != FORMAT:
        raise BackupError(f"{source}: неизвестный формат резервной копии.")
    return Manifest(
        engine=data["engine"],
        created_at=data["created_at"],
        tables=data["tables"],
        files=data["files"],
        file_bytes=data["file_bytes"],
    )


def _restore_postgres(connection, dump: Path) -> None:
    command, env = _postgres_command(connection, "pg_restore")
    # pg_restore takes the database as --dbname, not as the last word like psql.
    database = command.pop()
    command[1:1] = [
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={database}",
        str(dump),
    ]
    connection.close()
    _run(command, env)


def _restore_sqlite(connection, copy_path: Path) -> None:
    connection.ensure_connection()
    copy = sqlite3.connect(copy_path)
    try:
        copy.backup(connection.connection)
    finally:
        copy.close()


def _replace_media(extracted: Path) -> None:
    """MEDIA_ROOT's content becomes exactly the archive's files (the folder itself stays, in
    case it is a mount point)."""
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    for child in root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if extracted.is_dir():
        for child in extracted.iterdir():
            shutil.move(child, root / child.name)


def backup_restore(*, source: Path, using: str = "default") -> Manifest:
    """Replace the database and the uploaded files with the archive's, then check every
    table's row count against the manifest."""
    connection = connections[using]
    vendor = _vendor(connection)
    source = Path(source)
    manifest = read_manifest(source)
    if manifest.engine != vendor:
        raise BackupError(
            f"Копия снята с базы {ENGINE_NAME.get(manifest.engine, manifest.engine)}, а система "
            f"работает на {ENGINE_NAME[vendor]}: восстановите её в базу того же вида."
        )
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    # Unpacked next to MEDIA_ROOT, so that the files are moved, not copied, into place.
    with tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".restore-") as work:
        try:
            with tarfile.open(source, "r:*") as archive:
                # The "data" filter refuses absolute paths, "..", links out of the folder.
                archive.extractall(work, filter="data")
        except (tarfile.TarError, OSError) as exc:
            raise BackupError(f"Архив {source} повреждён: {exc}") from exc
        database = Path(work) / DATABASE_FILE[vendor]
        if not database.is_file():
            raise BackupError(f"В архиве {source} нет копии базы данных.")
        if vendor == "postgresql":
            _restore_postgres(connection, database)
        else:
            _restore_sqlite(connection, database)
        _replace_media(Path(work) / MEDIA)
    ContentType.objects.clear_cache()
    restored = table_counts(connection)
    differing = sorted(
        name for name, count in manifest.tables.items() if restored.get(name) != count
    )
    if differing:
        raise BackupError(
            "После восстановления число строк не совпадает с копией в таблицах: "
            + ", ".join(differing)
        )
    return manifest


def default_target() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BASE_DIR) / "var" / "backups" / f"resurs-{stamp}.tar.gz"
