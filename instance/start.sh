#!/usr/bin/env bash
# Start the Online-Akte: render instance/etc/ from the AKTE_* environment,
# start the local mail sink (only without AKTE_SMTP_HOST), prepare the database
# (site on first start, admin, mail settings), then serve with runwsgi.
# Used by `make start`; production runs the same script (see README).
set -euo pipefail

INSTANCE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$INSTANCE")"
cd "$ROOT"
# The Python environment: uv's .venv (default) or buildout's bin/ (AKTE_BIN=bin)
BIN="$(realpath -m "${AKTE_BIN:-.venv/bin}")"

if [[ ! -x "$BIN/runwsgi" ]]; then
    echo "Keine Python-Umgebung in $ROOT/.venv: erst / first 'uv sync --frozen --extra instance' (oder / or 'make start')" >&2
    exit 1
fi

# writes etc/ (AKTE_ETC, default instance/etc) and prints where
ETC="$("$BIN/python" -m kanzlei.akte.instance.render "$INSTANCE")"
# shellcheck source=/dev/null
source "$ETC/start.env"

# The port must be free: otherwise the check below would find the other server,
# print the login data and only then see ours fail.
probe_host="$AKTE_LISTEN_HOST"
[[ "$probe_host" =~ ^(0\.0\.0\.0|::|\[::\]|\*|)$ ]] && probe_host=localhost
if (exec 3<>"/dev/tcp/$probe_host/$AKTE_LISTEN_PORT") 2>/dev/null; then
    echo "Port $AKTE_LISTEN_PORT ist belegt / is in use ($probe_host):" \
        "AKTE_PORT ändern / choose another AKTE_PORT" >&2
    exit 1
fi

SINK_PID=""
WSGI_PID=""
cleanup() {
    trap - EXIT INT TERM
    # Ctrl+C reaches all of us at once: a process may be gone already.
    if [[ -n "$WSGI_PID" ]]; then kill "$WSGI_PID" 2>/dev/null || true; fi
    if [[ -n "$SINK_PID" ]]; then kill "$SINK_PID" 2>/dev/null || true; fi
    wait 2>/dev/null || true
}
trap cleanup EXIT
# Ctrl+C or SIGTERM is the way to stop the server: not an error.
trap 'exit 0' INT TERM

if [[ -n "$AKTE_MAIL_SINK" ]]; then
    # aiosmtpd's own script: buildout's bin/python passes no options to a module
    "$BIN/aiosmtpd" -n -l "$AKTE_SINK_LISTEN" \
        -c aiosmtpd.handlers.Mailbox "$AKTE_VAR_DIR/mail" &
    SINK_PID=$!
    sleep 0.5
    if ! kill -0 "$SINK_PID" 2>/dev/null; then
        SINK_PID=""
        echo "Mail-Sammler startet nicht (Port belegt?) / mail sink failed: $AKTE_SINK_LISTEN" >&2
        exit 1
    fi
fi

if ! "$BIN/zconsole" run "$ETC/zope.conf" "$INSTANCE/setup_site.py"; then
    echo "Vorbereitung fehlgeschlagen / setup failed." \
        "Läuft die Instanz schon? / Is the instance already running?" >&2
    exit 1
fi

# runwsgi, stopping cleanly on SIGTERM too (src/kanzlei/akte/instance/serve.py)
"$BIN/python" -m kanzlei.akte.instance.serve "$ETC/zope.ini" &
WSGI_PID=$!

# Print the login data once the server answers (not buried in its start log).
until (exec 3<>"/dev/tcp/$probe_host/$AKTE_LISTEN_PORT") 2>/dev/null; do
    kill -0 "$WSGI_PID" 2>/dev/null || { wait "$WSGI_PID"; exit 1; }
    sleep 0.5
done
echo
echo "================================================================================"
echo "Die Online-Akte läuft / is running: $AKTE_ZOPE_URL  →  $AKTE_SITE_URL"
echo
cat "$AKTE_ACCESS_FILE"
if [[ -n "$AKTE_MAIL_SINK" ]]; then
    echo
    echo "Mails liegen als Dateien in $AKTE_MAIL_DIR/new"
    echo "(mails are kept as files there; set AKTE_SMTP_HOST to send real mail)"
fi
echo
echo "Beenden / stop: Strg+C / Ctrl+C"
echo "================================================================================"

wait "$WSGI_PID"
