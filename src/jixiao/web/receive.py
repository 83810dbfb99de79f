"""Receiving an upload (接收上传): a multipart body streamed to disk, the limits counted as it comes.

The body is parsed chunk by chunk (python-multipart) and each file is written straight into a
staging folder under its safe name, so that nothing larger than the limits is ever read: the
request stops at the first byte over a file's limit, the request's limit, or the file count,
with a 413/400 page naming the file, and the staging folder is removed. Form fields are small
(``FIELD_BYTES``) and few (``FIELDS``). ``before_files`` sees the fields sent before the first
file (the form's CSRF token comes first), so that a forged upload is refused before it is stored.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable
from typing import IO

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request

from .security import WebError

FIELDS = 20
FIELD_BYTES = 64 * 1024
OVERHEAD = 64 * 1024          # multipart boundaries and part headers, beyond the files' bytes


def mib(n: int) -> str:
    return f"{n / 2**20:g} MB"


NAME_BYTES = 200    # a file system takes 255 bytes a name; a Chinese character is 3 of them in UTF-8


def _fit(name: str, limit: int = NAME_BYTES) -> str:
    """The name cut to ``limit`` bytes of UTF-8, its extension kept."""
    if len(name.encode("utf-8")) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 10:
        stem, ext = name, ""
    room = limit - len(ext.encode("utf-8")) - (1 if ext else 0)
    cut = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore")
    return f"{cut}.{ext}" if ext else cut


def safe_name(name: str, taken: set[str]) -> str:
    """The file's own name (no folders, no control characters, at most ``NAME_BYTES``), made unique
    in the batch."""
    base = re.sub(r"[\x00-\x1f/\\:]", "_", (name or "").replace("\\", "/").rsplit("/", 1)[-1]).strip(". ") or "file"
    base = _fit(base)
    out, n = base, 1
    while out in taken:
        n += 1
        out = _fit(f"{n}_{base}")
    taken.add(out)
    return out


@dataclass(frozen=True)
class Received:
    """What arrived: the form's fields and each file as given (name) and as kept (path, bytes)."""

    fields: dict[str, str]
    files: list[tuple[str, Path, int]]


def too_big_request(limit: int) -> WebError:
    return WebError(413, f"上传内容过大：一次最多{mib(limit)}", f"upload too large: at most {mib(limit)} per request")


def too_big_file(name: str, limit: int) -> WebError:
    return WebError(413, f"文件“{name}”过大：每个文件最多{mib(limit)}", f"{name!r} is too large: at most {mib(limit)} per file")


def too_many(limit: int) -> WebError:
    return WebError(400, f"文件过多：一次最多上传{limit}个文件（可打包为 .zip）",
                    f"too many files: at most {limit} per upload (a .zip counts as one)")


def _bad_form() -> WebError:
    return WebError(400, "上传内容不是有效的表单（multipart/form-data）", "the upload is not a valid multipart form")


@dataclass
class _Part:
    name: str = ""
    filename: str | None = None
    data: bytearray = field(default_factory=bytearray)
    out: IO[bytes] | None = None
    path: Path | None = None
    size: int = 0


class _Receiver:
    """The parser's callbacks: fields kept in memory, files written to ``folder`` as they come."""

    def __init__(self, folder: Path, limits, charset: str, before_files: Callable[[dict[str, str]], None] | None):
        self.folder, self.limits, self.charset = folder, limits, charset
        self.before_files = before_files
        self.fields: dict[str, str] = {}
        self.files: list[tuple[str, Path, int]] = []
        self.taken: set[str] = set()
        self.part = _Part()
        self.headers: dict[bytes, bytes] = {}
        self.header = (b"", b"")
        self.pending: list[tuple[IO[bytes], bytes]] = []    # file writes, done off the event loop
        self.complete = False                                  # the closing boundary was seen

    def callbacks(self) -> dict:
        return {"on_part_begin": self.begin, "on_part_data": self.data, "on_part_end": self.end,
                "on_header_field": self.header_field, "on_header_value": self.header_value,
                "on_header_end": self.header_end, "on_headers_finished": self.headers_done, "on_end": self.finished}

    def finished(self) -> None:
        self.complete = True

    def begin(self) -> None:
        self.part, self.headers = _Part(), {}

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self.header = (self.header[0] + data[start:end], self.header[1])

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self.header = (self.header[0], self.header[1] + data[start:end])

    def header_end(self) -> None:
        self.headers[self.header[0].lower()] = self.header[1]
        self.header = (b"", b"")

    def _text(self, raw: bytes) -> str:
        return raw.decode(self.charset, errors="replace")

    def headers_done(self) -> None:
        _, options = parse_options_header(self.headers.get(b"content-disposition", b""))
        self.part.name = self._text(options.get(b"name", b""))
        if b"filename" not in options:
            if len(self.fields) >= FIELDS:
                raise _bad_form()
            return
        filename = self._text(options[b"filename"])
        if not filename:           # a file input left empty sends a nameless, empty part: ignored
            self.part.filename = ""
            return
        if len(self.files) >= self.limits.files:
            raise too_many(self.limits.files)
        if not self.files and self.before_files is not None:
            self.before_files(self.fields)
        self.part.filename = filename
        self.part.path = self.folder / safe_name(filename, self.taken)
        self.part.out = open(self.part.path, "wb")   # noqa: SIM115 — closed at the part's end or on error

    def data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        p = self.part
        if p.out is not None:
            p.size += len(chunk)
            if p.size > self.limits.file_bytes:
                raise too_big_file(p.filename or "", self.limits.file_bytes)
            self.pending.append((p.out, bytes(chunk)))
        elif p.filename is None:
            p.data += chunk
            if len(p.data) > FIELD_BYTES:
                raise _bad_form()

    def end(self) -> None:
        p = self.part
        if p.out is not None:
            self.files.append((p.filename or "", p.path, p.size))
            self.pending.append((p.out, b""))        # b"": close it after its last write
        elif p.filename is None and p.name:
            self.fields[p.name] = self._text(bytes(p.data))

    def flush(self) -> None:
        for out, chunk in self.pending:
            if chunk:
                out.write(chunk)
            else:
                out.close()
        self.pending.clear()

    def close_all(self) -> None:
        for out, _ in self.pending:
            out.close()
        self.pending.clear()
        if self.part.out is not None:
            self.part.out.close()


async def receive(request: Request, folder: Path, limits,
                  before_files: Callable[[dict[str, str]], None] | None = None) -> Received:
    """Stream the request's multipart body into ``folder`` within ``limits`` (see the module);
    on any refusal the folder is gone."""
    kind, params = parse_options_header(request.headers.get("content-type", ""))
    if kind != b"multipart/form-data" or b"boundary" not in params:
        raise _bad_form()
    charset = params.get(b"charset", b"utf-8").decode("latin-1")
    folder.mkdir(parents=True, exist_ok=True)
    r = _Receiver(folder, limits, charset if charset.lower() in ("utf-8", "utf8", "gb18030", "gbk") else "utf-8",
                  before_files)
    parser = MultipartParser(params[b"boundary"], r.callbacks())
    seen = 0
    try:
        async for chunk in request.stream():
            seen += len(chunk)
            if seen > limits.request_bytes + OVERHEAD:
                raise too_big_request(limits.request_bytes)
            parser.write(chunk)
            if r.pending:
                await run_in_threadpool(r.flush)
        parser.finalize()
        if not r.complete:      # the body stopped before its closing boundary: a file may be cut short
            raise FormParserError("no closing boundary")
        await run_in_threadpool(r.flush)
    except FormParserError:
        r.close_all()
        shutil.rmtree(folder, ignore_errors=True)
        raise _bad_form() from None
    except (WebError, ClientDisconnect):
        r.close_all()
        shutil.rmtree(folder, ignore_errors=True)
        raise
    except OSError as exc:      # the data folder is full or not writable
        r.close_all()
        shutil.rmtree(folder, ignore_errors=True)
        raise WebError(500, f"服务器无法保存上传的文件：{exc.strerror or exc}",
                       f"the server could not keep the uploaded files: {exc}") from None
    if sum(size for _, _, size in r.files) > limits.request_bytes:
        shutil.rmtree(folder, ignore_errors=True)
        raise too_big_request(limits.request_bytes)
    return Received(r.fields, r.files)
