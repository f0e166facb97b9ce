"""Servers the operations tests start for themselves: PostgreSQL, nginx, a ZEO server,
instances (``instance/start.sh``) and a self-signed certificate.

General on purpose (backups and restores can use them too). Every server runs in its own
process group with its output in a file, on free local ports, with all its data in a
temporary directory, and is stopped by the caller (``stop()`` in a ``finally``).
"""

from pathlib import Path
from tests.conftest import free_port
from tests.instance.running import environment
from tests.instance.running import Instance
from tests.instance.running import make_checkout
from tests.instance.running import REPO
from tests.instance.running import wait_for_port

import contextlib
import glob
import os
import pwd
import re
import requests
import shutil
import signal
import subprocess
import tempfile


NGINX_CONF = REPO / "deploy" / "nginx" / "online-akte.conf"
# the host name of deploy/nginx/online-akte.conf, replaced by the test's own
EXAMPLE_HOST = "akte.kanzlei-beispiel.de"
START_TIMEOUT = 60  # PostgreSQL, nginx, ZEO: seconds until they listen


def stop_group(process, timeout=60):
    """SIGTERM to the process group, SIGKILL after ``timeout``; the exit status."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)
        return None


def spawn(command, log, **options):
    """``command`` in its own process group, stdout and stderr into ``log``."""
    with open(log, "wb") as out:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **options,
        )


# --- PostgreSQL ----------------------------------------------------------------------


def postgres_bin(name):
    """A PostgreSQL program: from PATH, else Debian's /usr/lib/postgresql/<v>/bin."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(re.search(r"/(\d+)/bin/", path).group(1)),
    )
    if not versions:
        raise AssertionError(
            f"PostgreSQL ({name}) fehlt / missing: apt-get install postgresql"
        )
    return versions[-1]


class PostgreSQL:
    """A throw-away cluster: ``initdb`` + ``pg_ctl`` on a temporary directory and a
    free port, trust authentication on 127.0.0.1 only, one database ``akte``.

    PostgreSQL refuses to run as root: then the server runs as the user ``postgres``
    (Debian's package creates it) and its directory belongs to that user.
    """

    def __init__(self, database="akte"):
        self.port = free_port()
        self.database = database
        self.as_user = []
        owner = None
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        # not below pytest's tmp_path: its parents are root's, closed to "postgres"
        self.root = Path(tempfile.mkdtemp(prefix="akte-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        if owner is not None:
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
        self.user = owner.pw_name if owner else pwd.getpwuid(os.geteuid()).pw_name
        self.dsn = f"host=127.0.0.1 port={self.port} dbname={database} user={self.user}"

    def run(self, *command, **options):
        return subprocess.run(
            [*self.as_user, *command],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
            **options,
        )

    def start(self):
        self.run(
            postgres_bin("initdb"),
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",  # throw-away: no fsync of the new cluster
            "-D",
            str(self.data),
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port}"
            f" -c unix_socket_directories={self.root}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self.run(
            postgres_bin("pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            options,
            "-w",
            "start",
        )
        self.psql("postgres", f"CREATE DATABASE {self.database}")
        return self

    def psql(self, database, sql):
        """The result of one SQL statement, as text (unaligned, no header)."""
        done = self.run(
            postgres_bin("psql"),
            "-X",
            "-q",
            "-A",
            "-t",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-d",
            database,
            "-c",
            sql,
        )
        return done.stdout.strip()

    def stop(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.run(postgres_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


# --- ZEO ---------------------------------------------------------------------------


class ZEOServer:
    """``instance/zeo.sh`` of ``checkout`` on ``var``, on a free port."""

    def __init__(self, checkout, var, etc, log):
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.log = log
        self.process = spawn(
            [str(checkout / "instance" / "zeo.sh")],
            log,
            cwd=checkout,
            env=environment(AKTE_VAR=var, AKTE_ETC=etc, AKTE_ZEO_ADDRESS=self.address),
        )

    def start(self):
        wait_for_port(self.port, self.process, self.log, "zeo.sh", START_TIMEOUT)
        return self

    def stop(self):
        return stop_group(self.process)


# --- TLS -----------------------------------------------------------------------------


def self_signed_certificate(folder, host="localhost"):
    """(certificate, key) made here with the openssl command line, valid for a day."""
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
         "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
         "-subj", f"/CN={host}", "-addext", f"subjectAltName=DNS:{host}",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


# --- nginx ---------------------------------------------------------------------------


def nginx_bin():
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).exists():
        raise AssertionError("nginx fehlt / missing: apt-get install nginx")
    return found


def replace(text, old, new, count=None):
    """``old`` -> ``new``; fails if ``old`` is not there (``count``: exactly so often),
    so that a change of the shipped file cannot silently escape the test."""
    found = text.count(old)
    if not found or (count is not None and found != count):
        raise AssertionError(f"{NGINX_CONF.name}: {old!r} found {found} times")
    return text.replace(old, new)


def site_config(upstreams, http_port, https_port, cert, key, site_id="kanzlei"):
    """deploy/nginx/online-akte.conf for this test: its ports, certificate and
    instances; everything else as shipped."""
    text = NGINX_CONF.read_text()
    servers = "".join(f"    server 127.0.0.1:{port};\n" for port in upstreams)
    text = re.sub(
        r"(upstream online_akte \{\n)(?:    server [^\n]*\n)+",
        lambda match: match.group(1) + servers,
        text,
    )
    text = replace(text, "    listen [::]:80;\n", "", 1)
    text = replace(text, "    listen [::]:443 ssl http2;\n", "", 1)
    text = replace(text, "listen 80;", f"listen 127.0.0.1:{http_port};", 1)
    text = replace(text, "listen 443 ssl", f"listen 127.0.0.1:{https_port} ssl", 1)
    text = replace(
        text, f"/etc/letsencrypt/live/{EXAMPLE_HOST}/fullchain.pem", str(cert), 1
    )
    text = replace(
        text, f"/etc/letsencrypt/live/{EXAMPLE_HOST}/privkey.pem", str(key), 1
    )
    text = replace(text, f"server_name {EXAMPLE_HOST};", "server_name localhost;", 2)
    if site_id != "kanzlei":
        text = replace(
            text, "/kanzlei/VirtualHostRoot/", f"/{site_id}/VirtualHostRoot/"
        )
    return text


MAIN_CONF = """\
# written by tests/operations/servers.py: nginx as the current user, all in {root}
daemon off;
{user}worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log info;
events {{
    worker_connections 1024;
}}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log {root}/access.log;
    client_body_temp_path {root}/client_body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    include {root}/online-akte.conf;
}}
"""


class Nginx:
    """Debian's nginx in the foreground as the current user, with a main
    configuration of its own that includes deploy/nginx/online-akte.conf (via
    ``site_config``); pid file, logs and temporary files in ``root``."""

    def __init__(self, root, upstreams):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.http_port = free_port()
        self.https_port = free_port()
        self.cert, self.key = self_signed_certificate(self.root / "tls")
        self.url = f"https://localhost:{self.https_port}"
        self.http_url = f"http://localhost:{self.http_port}"
        (self.root / "online-akte.conf").write_text(
            site_config(upstreams, self.http_port, self.https_port, self.cert, self.key)
        )
        mime_types = Path("/etc/nginx/mime.types")
        # nginx as the current user: started by root, its workers would otherwise be
        # "nobody", who may not enter root's private test directory (temporary files)
        user = pwd.getpwuid(os.geteuid()).pw_name
        main = MAIN_CONF.format(
            user=f"user {user};\n" if os.geteuid() == 0 else "",
            root=self.root,
            mime_types=mime_types if mime_types.exists() else "mime.types",
        )
        (self.root / "nginx.conf").write_text(main)
        self.log = self.root / "nginx.out"
        self.process = None

    def command(self, *args):
        return [nginx_bin(), "-e", str(self.root / "error.log"), "-p", str(self.root),
                "-c", str(self.root / "nginx.conf"), *args]  # fmt: skip

    def start(self):
        check = subprocess.run(
            self.command("-t"), capture_output=True, text=True, timeout=60
        )
        assert check.returncode == 0, check.stderr
        self.process = spawn(self.command(), self.log, cwd=self.root)
        wait_for_port(self.https_port, self.process, self.log, "nginx", START_TIMEOUT)
        return self

    def stop(self):
        if self.process is not None:
            stop_group(self.process, timeout=20)

    def session(self, source=None):
        """A requests.Session that trusts our certificate; ``source``: the local
        address its connections come from (127.0.0.2, ...: another "client")."""
        http = requests.Session()
        http.trust_env = False
        http.verify = str(self.cert)
        if source is not None:
            adapter = SourceAddressAdapter(source)
            http.mount("https://", adapter)
            http.mount("http://", adapter)
        return http


class SourceAddressAdapter(requests.adapters.HTTPAdapter):
    """Connections from a given local address (any of 127.0.0.0/8 on Linux)."""

    def __init__(self, source, **kwargs):
        self.source = source
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


# --- instances -----------------------------------------------------------------------


class Cluster:
    """``count`` instances from one checkout on one shared database (``storage``: the
    AKTE_ZEO_ADDRESS or AKTE_RELSTORAGE_DSN variable), each with its own port,
    AKTE_VAR and AKTE_ETC as the README says; the first creates the site."""

    def __init__(self, tmp, checkout, storage, count=2, **settings):
        self.tmp = Path(tmp)
        self.checkout = checkout
        self.env = {**storage, **settings}
        self.ports = [free_port() for _ in range(count)]
        self.instances = []

    def start(self):
        for number, port in enumerate(self.ports, 1):
            env = environment(
                AKTE_PORT=port,
                AKTE_VAR=self.tmp / f"var-{number}",
                AKTE_ETC=self.tmp / f"etc-{number}",
                **self.env,
            )
            instance = Instance(self.checkout, env, self.tmp / f"instance-{number}.log")
            self.instances.append(instance)
            # one after the other: the first creates the site
            instance.wait_until_ready()
        return self

    def stop(self):
        """SIGTERM to every instance; their exit statuses."""
        return [instance.stop() for instance in self.instances]

    def kill(self):
        for instance in self.instances:
            instance.kill()

    def access_log(self, number):
        """The requests instance ``number`` (1, 2, ...) served (its access log)."""
        path = self.tmp / f"var-{number}" / "log" / "access.log"
        return path.read_text(errors="replace") if path.exists() else ""


def checkout(tmp):
    """A throw-away copy of the checkout's instance/ (see tests/instance/running.py)."""
    return make_checkout(Path(tmp))
