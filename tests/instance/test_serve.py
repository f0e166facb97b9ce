"""kanzlei.akte.instance.serve: SIGTERM stops runwsgi like Ctrl+C, and only once."""

import subprocess
import sys
import textwrap


# runwsgi replaced by a stand-in that is stopped by a signal and then, while it
# "closes the database", gets the second signal that start.sh's cleanup sends.
SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    from kanzlei.akte.instance import serve

    def runwsgi(argv):
        try:
            os.kill(os.getpid(), signal.{first})
            signal.pause()
        except KeyboardInterrupt:
            print("stopping", flush=True)
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            os.kill(os.getpid(), signal.SIGINT)
            print("database closed", flush=True)
        except KeyboardInterrupt:
            print("shutdown interrupted", flush=True)
        return 0

    serve.runwsgi = runwsgi
    sys.exit(serve.main())
    """
)


def run(first):
    return subprocess.run(
        [sys.executable, "-c", SCRIPT.format(first=first)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_sigterm_stops_like_ctrl_c_and_shutdown_is_not_interrupted():
    result = run("SIGTERM")
    assert result.stdout.splitlines() == ["stopping", "database closed"], result
    assert result.returncode == 0


def test_sigint_in_the_background_stops_too():
    result = run("SIGINT")
    assert result.stdout.splitlines() == ["stopping", "database closed"], result
    assert result.returncode == 0


def test_open_files_limit_follows_the_connection_limit(tmp_path):
    """serve raises the soft RLIMIT_NOFILE for waitress' connection_limit (a shell's
    usual 1024 would run out with 1000 connections besides the database's files)."""
    ini = tmp_path / "zope.ini"
    ini.write_text("[server:main]\nconnection_limit = 1000\n")
    script = textwrap.dedent(
        f"""
        import resource
        from kanzlei.akte.instance import serve
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(512, hard), hard))
        serve.runwsgi = lambda argv: print(
            resource.getrlimit(resource.RLIMIT_NOFILE)[0], hard
        )
        import sys
        sys.argv = ["serve", {str(ini)!r}]
        serve.main()
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    soft, hard = (int(n) for n in result.stdout.split())
    assert result.returncode == 0, result
    assert soft == min(1000 + 256, hard)
