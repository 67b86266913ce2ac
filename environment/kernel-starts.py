"""Starts a Jupyter kernel N times through a running notebook server and times each start.

Each start: POST /api/kernels (the server launches the kernel process), open the kernel's websocket as a
browser page does, send kernel_info_request on the shell channel, wait for kernel_info_reply, record the
time from the POST, then DELETE the kernel (and wait until it is gone). A start that has not answered within
--limit seconds counts as failed. Prints every time, then min/median/max, and exits 1 if any start failed.

    /usr/bin/python3 environment/kernel-starts.py --url http://127.0.0.1:8888 --token TOKEN [--count 50]

environment/kernel-starts.sh starts a private notebook server and runs this against it.
"""

import argparse
import asyncio
import json
import statistics
import sys
import time
import uuid
from urllib.request import Request, urlopen

from tornado.httpclient import HTTPRequest
from tornado.ioloop import IOLoop
from tornado.websocket import websocket_connect


def rest(url, token, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = Request(url + path, data=data, method=method,
                  headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    with urlopen(req, timeout=30) as response:
        text = response.read()
        return json.loads(text) if text else None


async def kernel_info(ws_url, token, limit):
    """Seconds until kernel_info_reply arrives on the websocket (None when not within `limit`)."""
    started = time.monotonic()
    ws = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {token}"},
                                             connect_timeout=limit))
    msg_id = uuid.uuid4().hex
    ws.write_message(json.dumps({
        "header": {"msg_id": msg_id, "username": "kernel-starts", "session": uuid.uuid4().hex,
                   "msg_type": "kernel_info_request", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "content": {}, "channel": "shell", "buffers": []}))
    try:
        while time.monotonic() - started < limit:
            remaining = limit - (time.monotonic() - started)
            try:
                message = await asyncio.wait_for(ws.read_message(), timeout=remaining)
            except asyncio.TimeoutError:
                return None
            if message is None:
                return None
            if isinstance(message, bytes):
                continue
            msg = json.loads(message)
            if msg.get("msg_type") == "kernel_info_reply" and msg.get("parent_header", {}).get("msg_id") == msg_id:
                return True
        return None
    finally:
        ws.close()


def one_start(url, token, kernel, limit):
    t0 = time.monotonic()
    created = rest(url, token, "POST", "/api/kernels", {"name": kernel})
    kid = created["id"]
    ws_url = url.replace("http", "ws", 1) + f"/api/kernels/{kid}/channels?session_id={uuid.uuid4().hex}"
    try:
        ok = IOLoop.current().run_sync(lambda: kernel_info(ws_url, token, limit), timeout=limit + 5)
    except Exception as error:  # a websocket that never opens or closes early
        print(f"kernel-starts: {type(error).__name__}: {error}", file=sys.stderr)
        ok = None
    elapsed = time.monotonic() - t0
    rest(url, token, "DELETE", f"/api/kernels/{kid}")
    for _ in range(100):  # wait until the server has really stopped it
        if all(k["id"] != kid for k in rest(url, token, "GET", "/api/kernels")):
            break
        time.sleep(0.1)
    return elapsed if ok else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="notebook server, e.g. http://127.0.0.1:8888")
    parser.add_argument("--token", required=True)
    parser.add_argument("--kernel", default="itkm")
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--limit", type=float, default=10.0, help="seconds a start may take (default 10)")
    args = parser.parse_args()
    times, failed = [], 0
    for i in range(1, args.count + 1):
        seconds = one_start(args.url.rstrip("/"), args.token, args.kernel, args.limit)
        if seconds is None:
            failed += 1
            print(f"start {i:3d}: NO kernel_info_reply within {args.limit:.0f} s", flush=True)
        else:
            times.append(seconds)
            print(f"start {i:3d}: {seconds:6.2f} s", flush=True)
    if times:
        print(f"kernel-starts: {len(times)} of {args.count} answered within {args.limit:.0f} s; "
              f"min {min(times):.2f} s, median {statistics.median(times):.2f} s, max {max(times):.2f} s", flush=True)
    if failed:
        print(f"kernel-starts: {failed} of {args.count} starts did not answer within {args.limit:.0f} s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
