#!/usr/bin/env bash
# Backup, restore and pack of the Online-Akte's database, with the same AKTE_*
# environment as instance/start.sh (see README, "Sicherung / Backup"):
#   instance/backup.sh backup  [DIR]          repozo + blobs (FileStorage) or pg_dump
#   instance/backup.sh restore [DIR] [--date yyyy-mm-dd-hh-mm-ss]   into AKTE_VAR / the DSN
#   instance/backup.sh pack    [--days N]     old revisions away (default 7 days)
# DIR defaults to AKTE_BACKUP_DIR. Used by `make backup` / `make restore` / `make pack`
# and by deploy/systemd/kanzlei-akte-backup.service.
set -euo pipefail

INSTANCE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$INSTANCE")"
cd "$ROOT"
# The Python environment: uv's .venv (default) or buildout's bin/ (AKTE_BIN=bin)
BIN="$(realpath -m "${AKTE_BIN:-.venv/bin}")"

if [[ ! -x "$BIN/repozo" ]]; then
    echo "Keine Python-Umgebung in $ROOT/.venv: erst / first 'uv sync --frozen --extra instance'" >&2
    exit 1
fi
# RelStorage: pg_dump / pg_restore of the PostgreSQL client (Debian: postgresql-client)
# (the instance first: buildout's bin/python takes no options before the module's)
exec "$BIN/python" -m kanzlei.akte.instance.backup "$INSTANCE" "$@"
