"""A ClamAV ``clamd`` client: the INSTREAM command over a plain socket.

Our own (about 40 lines) rather than the ``clamd`` package of PyPI (last release
2020, unmaintained): INSTREAM is the whole protocol we need. The address is
``AKTE_CLAMD`` (``kanzlei.akte.instance.config.clamd_address``): the path of clamd's
unix socket (``LocalSocket``) or ``host:port`` (``TCPSocket``).

``scan(stream)`` returns None for a clean file or the name of what clamd found
(e.g. ``Eicar-Test-Signature``); ``ScannerUnavailable`` when clamd cannot be asked
or answers something else (the caller refuses the file then: fail closed).
"""

import socket
import struct


CHUNK = 64 * 1024
TIMEOUT = 60  # seconds without an answer from clamd (large files take a while)


class ScannerUnavailable(Exception):
    """clamd is not reachable or did not answer as expected."""


def connect(address, timeout=TIMEOUT):
    if "/" in address:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        sock.connect(address)
        return sock
    host, _sep, port = address.rpartition(":")
    return socket.create_connection((host.strip("[]"), int(port)), timeout=timeout)


def answer(sock):
    data = b""
    while not data.endswith(b"\0"):
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data.rstrip(b"\0").decode("utf-8", "replace").strip()


def command(address, name):
    """A one-word command (``PING``, ``VERSION``): clamd's answer."""
    try:
        with connect(address) as sock:
            sock.sendall(b"z" + name.encode() + b"\0")
            return answer(sock)
    except OSError as error:
        raise ScannerUnavailable(str(error)) from error


def scan(address, stream):
    try:
        with connect(address) as sock:
            sock.sendall(b"zINSTREAM\0")
            while chunk := stream.read(CHUNK):
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            reply = answer(sock)
    except OSError as error:
        raise ScannerUnavailable(str(error)) from error
    # "stream: OK", "stream: Eicar-Test-Signature FOUND", "... ERROR"
    result = reply.partition(": ")[2]
    if result == "OK":
        return None
    if result.endswith(" FOUND"):
        return result.removesuffix(" FOUND")
    raise ScannerUnavailable(reply or "no answer")
