"""The browser tests' harness (浏览器测试工具): a real workbench server, a real headless Chromium.

``Workbench`` starts ``jixiao serve`` in a subprocess on a free port, with its own store and data
folder, and creates users with ``jixiao user add … --password-stdin``. ``chrome`` opens Debian's
Chromium through ``/usr/bin/chromedriver`` (Selenium's driver manager is never asked: it would
download). Missing Chromium or its driver is a failure naming the Debian packages, never a skip:
CI installs them (``.ci/run``). ``client`` gives an httpx client carrying the browser's session
cookie (downloads, status codes); ``Shots`` writes screenshots no bigger than ``MAX_SHOT`` bytes.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
PACKAGES = "chromium chromium-driver"
WINDOW = (1280, 900)
MAX_SHOT = 300 * 1024          # bytes per screenshot in docs/web
START_SECONDS = 30


class HarnessError(RuntimeError):
    """The harness could not do its part (测试环境错误): no browser, a server that would not start."""


def jixiao_program() -> list[str]:
    """The ``jixiao`` command of this checkout's environment (the venv's script, else ``-m``)."""
    script = Path(sys.executable).with_name("jixiao")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "jixiao.cli"]


def free_port() -> int:
    """A TCP port nobody listens on now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Workbench:
    """A running ``jixiao serve`` (审核工作台进程) over its own SQLite store or the given URL."""

    root: Path
    db: str
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.root / "serve.log"

    def env(self) -> dict[str, str]:
        """The server's and the user command's environment: the store named, a home of its own."""
        home = self.root / "home"
        home.mkdir(exist_ok=True)
        return {**os.environ, "JIXIAO_DB": self.db, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
                "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}

    def add_user(self, name: str, role: str, password: str, unit: str | None = None) -> None:
        """``jixiao user add NAME --role ROLE [--unit UNIT] --password-stdin`` (the store from $JIXIAO_DB)."""
        args = [*jixiao_program(), "user", "add", name, "--role", role, "--password-stdin"]
        if unit is not None:
            args += ["--unit", unit]
        done = subprocess.run(args, input=password + "\n", capture_output=True, text=True, env=self.env(),
                              timeout=60, cwd=self.root)
        if done.returncode != 0:
            raise HarnessError(f"jixiao user add {name} failed ({done.returncode}): {done.stderr}{done.stdout}")

    def start(self) -> None:
        """Start ``jixiao serve`` and wait until its port answers (or it dies: its log is shown)."""
        data = self.root / "data"
        data.mkdir(exist_ok=True)
        args = [*jixiao_program(), "serve", "--db", self.db, "--host", "127.0.0.1", "--port", str(self.port),
                "--data", str(data)]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=self.env(), cwd=self.root,
                                            start_new_session=True)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise HarnessError(f"jixiao serve exited ({self.process.returncode}) before listening:\n"
                                   + self.log.read_text(errors="replace")[-4000:])
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise HarnessError(f"jixiao serve did not listen on port {self.port} within {START_SECONDS} s:\n"
                           + self.log.read_text(errors="replace")[-4000:])

    def stop(self) -> None:
        """Stop the server we started (its own process group: uvicorn and its check workers)."""
        p = self.process
        if p is None or p.poll() is not None:
            return
        try:
            os.killpg(p.pid, signal.SIGTERM)
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait(timeout=10)
        except ProcessLookupError:
            pass


def chrome(download_dir: Path):
    """A headless Chromium (Debian's) driven through /usr/bin/chromedriver, fixed window size."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if missing:
        raise HarnessError(f"浏览器测试需要 Chromium 与 chromedriver：缺 {', '.join(missing)}"
                           f"（Debian：apt-get install {PACKAGES}） / the browser tests need Chromium and its driver: "
                           f"missing {', '.join(missing)} (Debian: apt-get install {PACKAGES})")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="jixiao-chrome-")
    for arg in ("--headless=new", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
                f"--window-size={WINDOW[0]},{WINDOW[1]}", "--lang=zh-CN", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--hide-scrollbars"):
        options.add_argument(arg)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")
    options.unhandled_prompt_behavior = "ignore"    # an alert stays open for the test to find
    options.add_experimental_option("prefs", {"download.default_directory": str(download_dir),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver._jixiao_profile = profile      # removed by quit()
    return driver


def quit_chrome(driver) -> None:
    """Close the browser and remove its temp profile."""
    try:
        driver.quit()
    finally:
        shutil.rmtree(getattr(driver, "_jixiao_profile", ""), ignore_errors=True)


def client(driver, base: str) -> httpx.Client:
    """An httpx client with the browser's cookies (the same session), not following redirects."""
    jar = httpx.Cookies()
    for c in driver.get_cookies():
        jar.set(c["name"], c["value"])
    return httpx.Client(base_url=base, cookies=jar, follow_redirects=False, timeout=30)


CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def csrf_of(html: str) -> str:
    """The hidden ``csrf_token`` of the first form in a page."""
    m = CSRF.search(html)
    if m is None:
        raise HarnessError("no csrf_token input in the page")
    return m.group(1) or m.group(2)


@contextmanager
def http_login(base: str, username: str, password: str) -> Iterator[httpx.Client]:
    """A client logged in by posting the login form (with its CSRF token), as a browser would."""
    with httpx.Client(base_url=base, follow_redirects=False, timeout=30) as c:
        page = c.get("/login")
        form = {"username": username, "password": password}
        if CSRF.search(page.text):
            form["csrf_token"] = csrf_of(page.text)
        r = c.post("/login", data=form)
        if r.status_code != 303:
            raise HarnessError(f"login of {username} gave {r.status_code}: {r.text[:500]}")
        yield c


def zip_of(paths: list[Path], target: Path) -> Path:
    """A zip of the files, each under its own name."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for p in paths:
            z.write(p, p.name)
    return target


class Shots:
    """Screenshots (截图) of the walk into a folder, each at most ``MAX_SHOT`` bytes (palette PNG
    when the full-colour one is bigger)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.taken: dict[str, int] = {}

    def take(self, driver, name: str) -> Path:
        from PIL import Image

        png = driver.get_screenshot_as_png()
        target = self.folder / f"{name}.png"
        if len(png) > MAX_SHOT:
            image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=64)
            out = io.BytesIO()
            image.save(out, "PNG", optimize=True)
            png = out.getvalue()
        target.write_bytes(png)
        self.taken[name] = len(png)
        return target
