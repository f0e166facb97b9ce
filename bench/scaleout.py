"""Scale-out measurement: throughput of 1 vs 2 instances on RelStorage behind nginx.

Usage: ``.venv/bin/python bench/scaleout.py [SECONDS] [CONNECTIONS ...]``
(default 20 s, 4 and 16 connections; at most 30: nginx allows 30
connections per client address, limit_conn). Needs Debian's postgresql, nginx and wrk.

Starts what tests/operations/ start (a throw-away PostgreSQL, two instances with
``instance/start.sh`` and demo content, nginx with deploy/nginx/online-akte.conf over
TLS) plus a second nginx with only the first instance, logs in the demo client and
runs ``wrk`` (keep-alive HTTPS, no think time: saturation) against both nginx for two
requests: the client's mandate page (``@@akte-mandat``, HTML, catalog query) and one
document download (``@@akte-datei``). Prints requests/s and latencies; nothing is
asserted. The figures in the README's scale-out section come from this script.
"""

from pathlib import Path

import os
import re
import subprocess
import sys
import tempfile
import time


sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.operations import servers  # noqa: E402
from tests.operations.portal import DEMO_PASSWORD  # noqa: E402
from tests.operations.portal import Portal  # noqa: E402


def wrk(url, cookie, seconds, connections):
    threads = min(2, connections)
    done = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s",
         "--latency", "-H", f"Cookie: __ac={cookie}", url],
        capture_output=True, text=True, timeout=seconds + 60,
    )  # fmt: skip
    out = done.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    latency = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)$", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, latency, int(errors[1]) if errors else 0, out


def main(argv):
    seconds = int(argv[0]) if argv else 20
    connections = [int(c) for c in argv[1:]] or [4, 16]
    tmp = Path(tempfile.mkdtemp(prefix="akte-scaleout-"))
    portal = Portal(tmp, "relstorage")
    single = None
    try:
        portal.start()
        single = servers.Nginx(tmp / "nginx-1", portal.cluster.ports[:1]).start()
        http, login = portal.form_login("mustermann", DEMO_PASSWORD)
        cookie = login.cookies["__ac"]
        [mandate, *_] = http.get(
            f"{portal.url}/@search",
            params={"portal_type": "Mandat"},
            headers={"Accept": "application/json"},
        ).json()["items"]
        [document, *_] = http.get(
            f"{portal.url}/@search",
            params={"portal_type": "Dokument", "review_state": "freigegeben"},
            headers={"Accept": "application/json"},
        ).json()["items"]
        paths = {
            "@@akte-mandat": mandate["@id"].removeprefix(portal.url) + "/@@akte-mandat",
            "@@akte-datei": document["@id"].removeprefix(portal.url) + "/@@akte-datei",
        }
        print(f"cores: {os.cpu_count()}, threads per instance: 4, wrk {seconds} s")
        print(
            "| request | connections | instances | req/s | p50 | p90 | p99 | non-2xx |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for name, path in paths.items():
            for count in connections:
                for label, nginx in (("1", single), ("2", portal.nginx)):
                    rate, lat, errors, _out = wrk(
                        nginx.url + path, cookie, seconds, count
                    )
                    print(
                        f"| {name} | {count} | {label} | {rate:.1f} | "
                        f"{lat.get('50')} | {lat.get('90')} | {lat.get('99')} | "
                        f"{errors} |",
                        flush=True,
                    )
                    time.sleep(2)
        size = portal.postgres.psql(
            "akte", "SELECT pg_size_pretty(pg_database_size('akte'))"
        )
        print(f"PostgreSQL database size (demo content): {size}")
    finally:
        if single is not None:
            single.stop()
        portal.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
