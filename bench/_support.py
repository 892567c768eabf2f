"""Shared by the benchmark scripts: free loopback ports and the bundled demo web."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_demo_web(env: dict[str, str], port: int, timeout_s: float = 30.0) -> subprocess.Popen:
    """`mediamon demo-web` on the port, returned once it answers (the caller terminates it)."""
    web = subprocess.Popen([str(ROOT / ".venv" / "bin" / "mediamon"), "demo-web", "--port", str(port)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)
            return web
        except OSError:
            time.sleep(0.1)
    web.terminate()
    raise SystemExit("the demo web did not start")
