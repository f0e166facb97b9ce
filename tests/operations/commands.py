"""The project's commands, run by the operations tests (backup.sh, uv)."""

import subprocess


def output_of(command, *, cwd, env, timeout=300):
    """stdout of ``command`` (each part made a str); fails showing all its output."""
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def backup_sh(checkout, env, *args):
    """``instance/backup.sh ARGS`` of ``checkout`` with the environment ``env``."""
    script = checkout / "instance" / "backup.sh"
    return output_of([script, *args], cwd=checkout, env=env, timeout=600)
