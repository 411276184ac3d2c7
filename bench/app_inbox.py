"""The app's Clients pages on a large inbox: what bench_inbox.py runs against
its cached vault of 10,000 clients (3 shares each).

Measured against a running `casevault app` (release build), unlocked once:
- the first Clients page after the unlock (the inbox index read from vault.db);
- the first page again and again (the index kept on the unlocked vault):
  median and p95 of the whole answer, from the request sent to its last byte;
- a search by name, rotating through searches that match many clients, a
  few, and none (each answer whole, its first page of 50);
- a later page (page 100 of the list);
- the app's memory: resident after the unlock, after the first page, and
  its peak over all the requests.

Target (issue 17): p95 under 100 ms for the first page and for a search.
Clients are raw sockets over loopback (bench_app.App), so what is timed is
the app.
"""
import os, statistics, time, urllib.parse

import bench_app

REQUESTS = 200
SEARCHES = ["lopez", "garcia", "nguyen van", "Ølga", "zhang", "mohammed", "kim 2", "nobody-at-all"]


def whole(app, path):
    """Seconds from the request sent to the answer's last byte; the status."""
    t0 = time.perf_counter()
    status, _, body = app.request("GET", path)
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}")
    return time.perf_counter() - t0, body


def measure(vault, passphrase, clients, env=None):
    """Runs the measurements on `vault` (a directory) and prints them; `env`:
    what the app's environment adds (XDG_STATE_HOME, so that the unlock
    records its state counter outside the user's own state)."""
    print(f"\nThe app's Clients pages with {clients} clients (release build; whole answers, request to last byte)")
    saved = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    try:
        app = bench_app.App(vault, passphrase)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    try:
        rss_unlocked, _ = app.memory()
        app.peak_reset()
        first, body = whole(app, "/clients")
        rows = body.count(b'<td><a href="/clients/')
        if rows != 50:
            raise RuntimeError(f"the first page holds {rows} clients, not 50")
        rss_first, _ = app.memory()
        print(f"  first page after the unlock (index read)     {first * 1000:7.2f} ms")
        page = [whole(app, "/clients")[0] for _ in range(REQUESTS)]
        bench_app.report("first page (index kept)", page, 100)
        search = [whole(app, "/clients?q=" + urllib.parse.quote_plus(SEARCHES[i % len(SEARCHES)]))[0] for i in range(REQUESTS)]
        bench_app.report(f"search by name ({len(SEARCHES)} searches in turn)", search, 100)
        later = [whole(app, "/clients?page=100")[0] for _ in range(REQUESTS // 4)]
        bench_app.report("page 100 of the list", later, 100)
        rss_now, peak = app.memory()
        print(f"  memory: {rss_unlocked:.0f} MiB after the unlock, {rss_first:.0f} MiB after the first page, "
              f"peak {peak:.0f} MiB over {2 * REQUESTS + REQUESTS // 4 + 1} pages (now {rss_now:.0f} MiB)")
        print(f"  medians: first page {statistics.median(page) * 1000:.2f} ms, search {statistics.median(search) * 1000:.2f} ms")
    finally:
        app.stop()
