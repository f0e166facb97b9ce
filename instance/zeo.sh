#!/usr/bin/env bash
# Start a ZEO server (runzeo) on the data of the one-process instance:
# AKTE_VAR/filestorage/Data.fs and AKTE_VAR/blobstorage (default instance/var),
# listening on AKTE_ZEO_ADDRESS (default 127.0.0.1:8100; host:port or a unix
# socket path). Then start one or more instances with the same AKTE_ZEO_ADDRESS
# (see README, "Skalierung / Scale-out"). Used by `make zeo`.
set -euo pipefail

INSTANCE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$INSTANCE")"
cd "$ROOT"
# The Python environment: uv's .venv (default) or buildout's bin/ (AKTE_BIN=bin)
BIN="$(realpath -m "${AKTE_BIN:-.venv/bin}")"

if [[ ! -x "$BIN/runzeo" ]]; then
    echo "Keine Python-Umgebung mit ZEO in $ROOT/.venv: erst / first 'uv sync --frozen --extra instance'" >&2
    exit 1
fi

# writes only etc/zeo.conf (AKTE_ETC, default instance/etc) and prints etc/
ETC="$("$BIN/python" -m kanzlei.akte.instance.render "$INSTANCE" --zeo-server)"
echo "ZEO-Server / ZEO server: $ETC/zeo.conf (Beenden / stop: Strg+C / Ctrl+C)"
# runzeo closes the FileStorage cleanly on SIGTERM and SIGINT
exec "$BIN/runzeo" -C "$ETC/zeo.conf"
