"""Errors a user sees (错误): always bilingual, always naming the file and the place."""

from __future__ import annotations


class JixiaoError(Exception):
    """An expected failure with a Chinese and an English message.

    ``code`` is stable (e.g. ``JX001``) so that a batch run can turn the error into a finding
    for that file and go on with the others.
    """

    def __init__(self, code: str, zh: str, en: str, file: str | None = None, place: str | None = None):
        self.code = code
        self.zh = zh
        self.en = en
        self.file = file
        self.place = place
        super().__init__(self.message)

    def __reduce__(self):   # keeps all fields when a worker process sends the error back
        return (self.__class__, (self.code, self.zh, self.en, self.file, self.place))

    @property
    def message(self) -> str:
        where = self.file or ""
        if self.place:
            where = f"{where}:{self.place}" if where else self.place
        prefix = f"{where}: " if where else ""
        return f"{prefix}{self.zh} / {self.en}"


class ReadError(JixiaoError):
    """A file that cannot be read (无法读取): missing, empty, undecodable, unknown type."""
