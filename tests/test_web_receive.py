"""The upload receiver (web/receive.py) on a streamed body: limits counted as the bytes arrive.

A request is fed piece by piece through Starlette's own ``Request`` (as uvicorn feeds it), and
the test counts how much of the body the receiver pulled before it refused.
"""

from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("fastapi")

from starlette.requests import Request  # noqa: E402

from jixiao.web.app import UploadLimits  # noqa: E402
from jixiao.web.receive import receive  # noqa: E402
from jixiao.web.security import WebError  # noqa: E402

PIECE = 64 * 1024
LIMITS = UploadLimits(file_bytes=1 << 20, request_bytes=3 << 20, files=3)


def part(name: str, body: bytes, filename: str | None = None) -> bytes:
    disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename is not None else "")
    return f"--jx\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + body + b"\r\n"


class Feed:
    """A request body handed over piece by piece, counting what was taken."""

    def __init__(self, pieces):
        self.pieces, self.taken = iter(pieces), 0

    async def __call__(self):
        try:
            piece = next(self.pieces)
        except StopIteration:
            return {"type": "http.request", "body": b"", "more_body": False}
        self.taken += len(piece)
        return {"type": "http.request", "body": piece, "more_body": True}


def request_of(feed: Feed) -> Request:
    """A POST /upload as the server hands it over, its body from ``feed``."""
    return Request({"type": "http", "method": "POST", "path": "/upload", "query_string": b"",
                    "headers": [(b"content-type", b"multipart/form-data; boundary=jx")]}, feed)


def run(pieces, folder, before=None):
    feed = Feed(pieces)
    return asyncio.run(receive(request_of(feed), folder, LIMITS, before)), feed


def endless(filename: str = "endless.txt"):
    yield part("csrf_token", b"token")
    yield f'--jx\r\nContent-Disposition: form-data; name="files"; filename="{filename}"\r\n\r\n'.encode()
    while True:
        yield b"x" * PIECE


def test_a_file_over_its_limit_stops_the_reading_at_once(tmp_path):
    feed = Feed(endless())
    with pytest.raises(WebError) as e:
        asyncio.run(receive(request_of(feed), tmp_path / "in", LIMITS))
    assert e.value.status == 413 and "endless.txt" in e.value.zh
    assert feed.taken <= LIMITS.file_bytes + 2 * PIECE
    assert not (tmp_path / "in").exists()


def test_many_files_under_their_limit_stop_at_the_request_limit(tmp_path):
    def pieces():
        yield part("csrf_token", b"token")
        for n in range(20):
            yield part("files", b"y" * (LIMITS.file_bytes - 100), f"{n}.txt")
    big = UploadLimits(file_bytes=LIMITS.file_bytes, request_bytes=LIMITS.request_bytes, files=100)
    feed = Feed(pieces())
    with pytest.raises(WebError) as e:
        asyncio.run(receive(request_of(feed), tmp_path / "in", big))
    assert e.value.status == 413 and "上传内容过大" in e.value.zh
    assert feed.taken <= big.request_bytes + LIMITS.file_bytes
    assert not (tmp_path / "in").exists()


def test_the_file_count_and_the_gate_before_the_first_file(tmp_path):
    many = [part("csrf_token", b"t")] + [part("files", b"z", f"{n}.txt") for n in range(LIMITS.files + 1)] + [b"--jx--\r\n"]
    with pytest.raises(WebError) as e:
        run(many, tmp_path / "a")
    assert e.value.status == 400 and "文件过多" in e.value.zh

    def gate(fields):
        if fields.get("csrf_token") != "good":
            raise WebError(403, "CSRF", "CSRF")
    with pytest.raises(WebError) as e:
        run(endless(), tmp_path / "b", gate)
    assert e.value.status == 403 and not (tmp_path / "b").exists()


def test_a_good_upload_is_kept_under_safe_unique_names(tmp_path):
    pieces = [part("csrf_token", b"good"), part("files", b"one", "../../etc/a.txt"), part("files", b"two", "a.txt"),
              part("files", b"", ""), b"--jx--\r\n"]
    got, _ = run(pieces, tmp_path / "in", lambda f: None)
    assert got.fields == {"csrf_token": "good"}
    assert [(n, p.name, size) for n, p, size in got.files] == [("../../etc/a.txt", "a.txt", 3), ("a.txt", "2_a.txt", 3)]
    assert (tmp_path / "in" / "a.txt").read_bytes() == b"one" and (tmp_path / "in" / "2_a.txt").read_bytes() == b"two"


def test_a_broken_body_is_a_clear_refusal(tmp_path):
    with pytest.raises(WebError) as e:
        run([b"--jx\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\nabc", b"\r\n--zz"],
            tmp_path / "in")
    assert e.value.status == 400 and "multipart" in e.value.en
    assert not (tmp_path / "in").exists()
