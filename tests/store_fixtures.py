"""A real PostgreSQL server for the store's tests (测试用数据库服务器), started in a temp folder.

``initdb`` + ``pg_ctl start`` on a Unix socket in a fresh folder (no TCP port is taken). initdb
refuses to run as root: then the server runs as ``nobody`` (``runuser``/``setpriv``) in a folder
it owns. No PostgreSQL binaries is an error, not a skip: CI installs them (``.ci/run``).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

PORT = 5432   # only names the socket file (.s.PGSQL.5432) in our own folder; listen_addresses is empty


def pg_bin(name: str) -> str:
    """A PostgreSQL program: on PATH, else under /usr/lib/postgresql/*/bin (Debian)."""
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if found is None:
        raise RuntimeError(f"PostgreSQL 程序 {name} 未安装（Debian：apt-get install postgresql） / "
                           f"PostgreSQL's {name} is not installed (Debian: apt-get install postgresql)")
    return found


class PostgresServer:
    """A throw-away PostgreSQL cluster; ``database()`` makes a fresh database and gives its URL."""

    def __init__(self) -> None:
        # under /tmp: a short socket path (Unix sockets take ~100 bytes), and one nobody can reach
        self.root = Path(tempfile.mkdtemp(prefix="jixiao-pg-", dir="/tmp" if os.path.isdir("/tmp") else None))
        self.data = self.root / "data"
        self.as_user: list[str] = []
        if os.geteuid() == 0:   # initdb and postgres refuse root
            nobody = pwd.getpwnam("nobody")
            os.chown(self.root, nobody.pw_uid, nobody.pw_gid)
            runuser = shutil.which("runuser")
            self.as_user = [runuser, "-u", "nobody", "--"] if runuser else \
                [shutil.which("setpriv") or "setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}",
                 "--clear-groups"]
        self._run([pg_bin("initdb"), "-D", str(self.data), "-U", "jixiao", "--auth=trust", "-E", "UTF8",
                   "--locale=C", "--no-sync"])
        options = f"-k {self.root} -c listen_addresses='' -p {PORT} -c fsync=off -c full_page_writes=off"
        self._run([pg_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w",
                   "start"])
        self.admin = f"postgresql+psycopg://jixiao@/postgres?host={self.root}&port={PORT}"

    def _run(self, args: list[str]) -> None:
        done = subprocess.run(self.as_user + args, capture_output=True, text=True, cwd=self.root,
                              env={**os.environ, "LC_ALL": "C"})
        if done.returncode != 0:
            log = (self.root / "log").read_text(errors="replace") if (self.root / "log").exists() else ""
            raise RuntimeError(f"{' '.join(args[:1])} failed: {done.stderr}{done.stdout}{log}")

    def database(self) -> str:
        """A new, empty database on the server; its URL."""
        import psycopg
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(host=str(self.root), port=PORT, user="jixiao", dbname="postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://jixiao@/{name}?host={self.root}&port={PORT}"

    def stop(self) -> None:
        try:
            self._run([pg_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"])
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
