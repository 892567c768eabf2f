"""Benchmark: fetch N outlets x M articles concurrently against the floor politeness allows.

A loopback server answers every request after an added latency (50 ms by default). Each
outlet has its own host name (``outletN.bench.test``, mapped to 127.0.0.1 by the injected
resolver; the fetcher connects to the checked address), so the per-host interval (0.2 s)
applies per outlet, and outlets are fetched concurrently, one thread and one Fetcher each,
as the DAG's mapped tasks would.

The floor for one host is (requests - 1) x interval + latency: request starts cannot be
closer than the interval, and the last response still takes its latency. The requests
per host are the articles plus one robots.txt. Outlets run in parallel, so the floor of
the whole run is the floor of one host. It reports figures; it asserts nothing.

    .venv/bin/python bench/fetch_benchmark.py
    .venv/bin/python bench/fetch_benchmark.py --outlets 50 --articles 20 --latency 0.1
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from media_monitor.config import DEFAULT_USER_AGENT, Settings
from media_monitor.fetch import Fetcher
from media_monitor.registry import Outlet

ARTICLE = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Story</title></head><body><article>"
           + "<p>" + "The council met on Tuesday to debate the budget for the coming year. " * 60 + "</p>"
           + "</article></body></html>").encode()


def make_server(latency: float) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - base class signature
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            time.sleep(latency)
            if self.path == "/robots.txt":
                body, content_type = b"User-agent: *\nDisallow: /private/\n", "text/plain"
            else:
                body, content_type = ARTICLE, "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        # socketserver's default backlog of 5 drops SYNs when 20 outlets connect at once,
        # and the kernel's 1 s SYN retry would then be billed to the fetcher.
        request_queue_size = 128

    return Server(("127.0.0.1", 0), Handler)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outlets", type=int, default=20)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds added to every response")
    parser.add_argument("--interval", type=float, default=0.2, help="min_interval_s per host")
    args = parser.parse_args()

    server = make_server(args.latency)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hosts = [f"outlet{n}.bench.test" for n in range(args.outlets)]

    def resolver(host: str, port: int, *a: Any, **kw: Any) -> list[tuple[Any, ...]]:
        if host.endswith(".bench.test"):
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        raise OSError(f"benchmark resolver: unknown host {host}")

    with tempfile.TemporaryDirectory(prefix="fetch-bench-") as tmp:
        settings = Settings(data_root=Path(tmp), registry_path=Path(tmp) / "outlets.yaml",
                            user_agent=DEFAULT_USER_AGENT, max_page_bytes=10 * 1024 * 1024)
        results: dict[str, list[Any]] = {}
        finished: dict[str, float] = {}

        def run(host: str) -> None:
            outlet = Outlet(name=host.split(".")[0], title=host, url=f"http://{host}:{port}/", languages=("en",),
                            allowed_domains=(host,), allow_private_addresses=True, min_interval_s=args.interval)
            with Fetcher(outlet, date(2024, 5, 6), settings, resolver=resolver) as fetcher:
                for i in range(args.articles):
                    fetcher.fetch(f"http://{host}:{port}/news/{i}.html")
                results[host] = list(fetcher.results)
            finished[host] = time.perf_counter()

        threads = [threading.Thread(target=run, args=(h,)) for h in hosts]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        warc_bytes = sum(p.stat().st_size for p in (Path(tmp) / "raw").rglob("*.warc.gz"))
    server.shutdown()

    fetches = [r for rs in results.values() for r in rs]
    ok = sum(r.ok for r in fetches)
    per_host = args.articles + 1  # + robots.txt
    floor = (per_host - 1) * args.interval + args.latency
    slowest_host = max(finished.values()) - started
    elapsed = sorted(r.elapsed_ms for r in fetches)
    print(f"{args.outlets} outlets x {args.articles} articles (+1 robots.txt each), {args.latency * 1000:.0f} ms latency, "
          f"{args.interval} s per-host interval, outlets concurrent (threads)")
    print(f"  requests:           {len(fetches)} ({ok} ok), WARC written: {warc_bytes / 1e6:.1f} MB")
    print(f"  wall time:          {wall:.2f} s (slowest outlet done at {slowest_host:.2f} s)")
    print(f"  politeness floor:   ({per_host} - 1) x {args.interval} s + {args.latency} s = {floor:.2f} s")
    print(f"  ratio wall / floor: {wall / floor:.3f}")
    print(f"  serial floor:       {args.outlets * floor:.1f} s (one outlet after another), speed-up {args.outlets * floor / wall:.1f}x")
    print(f"  per-fetch network time: median {statistics.median(elapsed):.1f} ms, "
          f"p95 {elapsed[int(0.95 * (len(elapsed) - 1))]:.1f} ms, max {elapsed[-1]:.1f} ms")


if __name__ == "__main__":
    main()
