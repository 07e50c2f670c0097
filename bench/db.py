"""Which database the benchmark uses, and making it exist (before ``django.setup()``)."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = BASE_DIR / "var" / "bench.sqlite3"


def bench_database_url() -> str:
    """``BENCH_DATABASE_URL``, else a SQLite file of its own in var/."""
    return os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}"


def _pg_admin(config: dict):
    import psycopg

    return psycopg.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        autocommit=True,
    )


def prepare(url: str, *, regenerate: bool) -> None:
    """Creates the database when missing; drops it first when ``regenerate``."""
    config = dj_database_url.parse(url)
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        path = Path(config["NAME"])
        path.parent.mkdir(parents=True, exist_ok=True)
        if regenerate:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    if engine != "django.db.backends.postgresql":
        raise SystemExit(f"Неподдерживаемая СУБД для бенчмарка: {engine}")
    from psycopg import sql

    name = config["NAME"]
    with _pg_admin(config) as admin:
        if regenerate:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def configure(url: str) -> None:
    """Points config.settings at the bench database; call before ``django.setup()``."""
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    # Timings with DEBUG on would include Django's query log.
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
