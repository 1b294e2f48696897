"""A small Chrome DevTools Protocol client for the map tests and benchmark: start headless Chromium,
open a page, evaluate script, type, take screenshots, and record console errors and every network
request the page makes. One websocket to the browser, one flattened session per page."""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import websocket  # websocket-client

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--remote-debugging-port=0",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--window-size=1280,800",
)


def find_chromium() -> str | None:
    env = os.environ.get("DANVAN_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


class CDPError(RuntimeError):
    pass


class Browser:
    def __init__(self, binary: str, timeout: float = 30.0) -> None:
        self._profile = tempfile.mkdtemp(prefix="danvan-chromium-")
        self.proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self._profile) / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not (port_file.is_file() and len(port_file.read_text().split()) >= 2):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise CDPError("chromium did not start (no DevToolsActivePort)")
            time.sleep(0.05)
        port, path = port_file.read_text().split()[:2]
        self.ws = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=timeout, suppress_origin=True)
        self._ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []

    def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None, timeout: float = 30.0
    ) -> dict[str, Any]:
        msg_id = next(self._ids)
        message: dict[str, Any] = {"id": msg_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == msg_id:
                if "error" in reply:
                    raise CDPError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
            if "method" in reply:
                self.events.append(reply)
        raise CDPError(f"{method}: no reply in {timeout}s")

    def new_page(self) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session)
        for domain in ("Page", "Runtime", "Network", "Log"):
            page.send(f"{domain}.enable")
        page.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False},
        )
        return page

    def close(self) -> None:
        try:
            if getattr(self, "ws", None):
                self.ws.close()
        finally:
            if self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
            shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Page:
    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, session=self.session)

    def _mine(self) -> list[dict[str, Any]]:
        return [e for e in self.browser.events if e.get("sessionId") == self.session]

    def navigate(self, url: str) -> None:
        self.send("Page.navigate", {"url": url})

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise CDPError(f"{expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20.0, interval: float = 0.02) -> float:
        """Poll until ``expression`` is truthy; returns the seconds it took."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if self.evaluate(expression):
                return time.monotonic() - start
            time.sleep(interval)
        raise CDPError(f"timed out waiting for {expression!r}")

    def type_text(self, text: str) -> None:
        self.send("Input.insertText", {"text": text})

    def press_enter(self) -> None:
        for kind in ("keyDown", "keyUp"):
            self.send(
                "Input.dispatchKeyEvent",
                {
                    "type": kind,
                    "key": "Enter",
                    "code": "Enter",
                    "windowsVirtualKeyCode": 13,
                    "nativeVirtualKeyCode": 13,
                },
            )

    def screenshot(self, selector: str | None = None) -> bytes:
        """PNG of the viewport, or of the box of the element ``selector`` names."""
        params: dict[str, Any] = {"format": "png"}
        if selector is not None:
            box = self.evaluate(
                f"(function(){{var r=document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
                "return {x:r.left,y:r.top,width:r.width,height:r.height};})()"
            )
            params["clip"] = {**box, "scale": 1}
        return base64.b64decode(self.send("Page.captureScreenshot", params)["data"])

    def requested_urls(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self._mine() if e["method"] == "Network.requestWillBeSent"]

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors (CSP violations land here)."""
        out = []
        for e in self._mine():
            p = e["params"]
            if e["method"] == "Runtime.consoleAPICalled" and p["type"] in ("error", "assert"):
                out.append("console: " + " ".join(str(a.get("value", a.get("description", ""))) for a in p["args"]))
            elif e["method"] == "Runtime.exceptionThrown":
                out.append("exception: " + json.dumps(p["exceptionDetails"])[:500])
            elif e["method"] == "Log.entryAdded" and p["entry"]["level"] == "error":
                out.append(f"log: {p['entry'].get('text')} {p['entry'].get('url', '')}")
        return out

    def dialogs(self) -> list[str]:
        return [e["params"]["message"] for e in self._mine() if e["method"] == "Page.javascriptDialogOpening"]

    def drain(self, seconds: float = 0.2) -> None:
        """Read pending events for a moment (events only arrive while we talk to the browser)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.evaluate("1")
            time.sleep(0.02)


def png_variance(page_factory: Callable[[], Page], png: bytes) -> float:
    """Variance of the grey levels of a PNG, decoded by the browser itself (no imaging package)."""
    page = page_factory()
    page.navigate("about:blank")
    b64 = base64.b64encode(png).decode("ascii")
    expression = (
        "new Promise(function (ok, fail) { var img = new Image(); img.onerror = fail; img.onload = function () {"
        " var c = document.createElement('canvas'); c.width = img.width; c.height = img.height;"
        " var g = c.getContext('2d'); g.drawImage(img, 0, 0);"
        " var d = g.getImageData(0, 0, c.width, c.height).data, n = 0, s = 0, s2 = 0;"
        " for (var i = 0; i < d.length; i += 4) { var v = (d[i] + d[i+1] + d[i+2]) / 3; s += v; s2 += v * v; n++; }"
        " ok(s2 / n - (s / n) * (s / n)); }; img.src = 'data:image/png;base64," + b64 + "'; })"
    )
    return float(page.evaluate(expression))


# ---------------------------------------------------------------------------------------- helpers
READY = "window.danvan !== undefined && window.danvan.ready === true"
NO_CHROMIUM = "chromium not found: install Debian's chromium (`make browser`, as root) to run the browser tests"


def open_map(browser: Browser, path: Path, timeout: float = 30.0) -> Page:
    """Open a map page and wait until the network is drawn (the page's ready flag)."""
    page = browser.new_page()
    page.navigate(path.resolve().as_uri())
    page.wait_for(READY, timeout=timeout)
    return page


def assert_offline_and_clean(page: Page, path: Path) -> None:
    page.drain(0.3)
    urls = page.requested_urls()
    assert urls and urls[0] == path.resolve().as_uri()
    assert all(u.startswith(("file://", "data:")) for u in urls), urls
    assert page.errors() == []
    assert page.dialogs() == []


def search(page: Page, text: str) -> list[str]:
    """Type into the page's search box, press Enter, return the selected node ids."""
    page.evaluate("document.getElementById('search').focus()")
    page.type_text(text)
    page.press_enter()
    page.wait_for("danvan.network.getSelectedNodes().length > 0", timeout=10)
    return list(page.evaluate("danvan.network.getSelectedNodes()"))


def assert_focused_on(page: Page, node_id: str) -> None:
    """The view is centred on the node (polled: the focus is animated)."""
    key = json.dumps(node_id)
    centred = (
        f"(function(){{var v=danvan.network.getViewPosition(),p=danvan.network.getPositions([{key}])[{key}];"
        "return Math.abs(v.x-p.x)<2&&Math.abs(v.y-p.y)<2;})()"
    )
    try:
        page.wait_for(centred, timeout=10)
    except CDPError:
        view = page.evaluate("danvan.network.getViewPosition()")
        pos = page.evaluate(f"danvan.network.getPositions([{key}])[{key}]")
        raise AssertionError(f"view {view} is not centred on {node_id} at {pos}") from None


def node_point(page: Page, node_id: str) -> tuple[float, float]:
    """Where a node is drawn, in page coordinates."""
    key = json.dumps(node_id)
    box = page.evaluate(
        f"(function(){{var p=danvan.network.getPositions([{key}])[{key}];var d=danvan.network.canvasToDOM(p);"
        "var r=document.getElementById('network').getBoundingClientRect();return {x:r.left+d.x,y:r.top+d.y};})()"
    )
    return float(box["x"]), float(box["y"])


def click(page: Page, x: float, y: float, count: int = 1) -> None:
    """A real left click (or double click) of the mouse at page coordinates."""
    page.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
    for n in range(1, count + 1):
        for kind in ("mousePressed", "mouseReleased"):
            page.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": n})


def label_overlap(page: Page) -> tuple[int, int]:
    """(labels drawn, labels whose box overlaps another's) at the current view, from the boxes
    the page reports for the labels it drew on the canvas."""
    boxes = page.evaluate("danvan.labels()")
    overlapping = 0
    for i, a in enumerate(boxes):
        for j, b in enumerate(boxes):
            if i != j and a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]:
                overlapping += 1
                break
    return len(boxes), overlapping
