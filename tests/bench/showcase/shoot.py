"""Takes the README's pictures of the showcase page (dist-showcase/, `npm run bench:showcase`).

Runs beside the gpu-browser harness on a machine with a GPU: the browser is started with
--remote-debugging-port, and this script drives the page through the Chrome DevTools Protocol as a
viewer would (pointer and keys), saves a PNG of each state to $OUT, then posts the page's result,
which ends the harness's run. Standard library only: the GPU machine has no Node and no network.
"""
import base64
import json
import os
import socket
import struct
import sys
import time
import urllib.request

PORT = int(os.environ.get("CDP_PORT", "9333"))
OUT = os.environ.get("OUT", "/tmp/showcase-out")


class Socket:
    """The smallest WebSocket client CDP needs: text frames out (masked), text frames in."""

    def __init__(self, url):
        host_port, path = url[len("ws://"):].split("/", 1)
        host, port = host_port.split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=120)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(request.encode())
        response = b""
        while b"\r\n\r\n" not in response:
            response += self.sock.recv(4096)
        if b" 101 " not in response.split(b"\r\n", 1)[0]:
            raise RuntimeError(f"no websocket: {response[:200]!r}")
        self.buffer = response.split(b"\r\n\r\n", 1)[1]

    def send(self, text):
        data = text.encode()
        header = bytes([0x81])
        if len(data) < 126:
            header += bytes([0x80 | len(data)])
        elif len(data) < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(data))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(data))
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _read(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise RuntimeError("websocket closed")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def receive(self):
        message = b""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(length)
            message += payload
            if first & 0x80:
                return message.decode()


class Page:
    def __init__(self, url):
        self.ws = Socket(url)
        self.next_id = 0

    def send(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            reply = json.loads(self.ws.receive())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        return result.get("result", {}).get("value")

    def wait_for(self, expression, seconds=60):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.evaluate(expression):
                return
            time.sleep(0.25)
        raise RuntimeError(f"timed out waiting for {expression}")

    def click(self, selector):
        box = self.evaluate(f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()")
        self.move(*box)
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)

    def move(self, x, y):
        self.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)

    def key(self, key, code, text=None):
        self.send("Input.dispatchKeyEvent", type="keyDown", key=key, code=code, text=text or key)
        self.send("Input.dispatchKeyEvent", type="keyUp", key=key, code=code)

    def shot(self, name):
        data = self.send("Page.captureScreenshot", format="png")["data"]
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(base64.b64decode(data))
        print(f"shoot: {name}", flush=True)


def main():
    deadline = time.time() + 120
    url = None
    while time.time() < deadline and not url:
        try:
            targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{PORT}/json", timeout=2))
            url = next((t["webSocketDebuggerUrl"] for t in targets if t.get("type") == "page" and "index.html" in t.get("url", "")), None)
        except OSError:
            pass
        time.sleep(0.5)
    if not url:
        print("shoot: no page to drive", file=sys.stderr)
        return 1
    page = Page(url)
    page.wait_for("document.querySelectorAll('.series-card img').length >= 3 && [...document.images].every((image) => image.complete)")
    time.sleep(1)
    page.shot("library.png")

    page.click('.series-card[aria-label^="Higurashi"]')
    page.wait_for("document.querySelector('[aria-label=\"Play Episode 1\"]') !== null")
    page.click('[aria-label="Play Episode 1"]')
    page.wait_for("(window.kireiInspector?.presentedMediaTime() ?? 0) > 2", 120)
    page.key("i", "KeyI")
    time.sleep(3)
    page.key(" ", "Space")
    page.move(640, 690)
    time.sleep(1.5)
    readout = page.evaluate("document.querySelector('[data-testid=hud]')?.textContent ?? ''")
    page.shot("player.png")

    page.key("i", "KeyI")
    page.click('[data-testid="more-menu"]')
    page.wait_for("[...document.querySelectorAll('[role=menuitem]')].some((item) => item.textContent.includes('Settings'))")
    page.evaluate("[...document.querySelectorAll('[role=menuitem]')].find((item) => item.textContent.includes('Settings')).setAttribute('data-showcase', 'settings')")
    page.click('[data-showcase="settings"]')
    page.wait_for("document.querySelector('[data-testid=settings]') !== null")
    time.sleep(0.8)
    page.shot("settings.png")

    result = {"stage": page.evaluate("window.kireiInspector?.stageInfo() ?? null"), "readout": readout}
    try:
        page.evaluate(f"fetch('/result', {{ method: 'POST', body: {json.dumps(json.dumps(result))} }}).then(() => true)")
    except RuntimeError:
        pass  # The harness ends the browser as soon as the result arrives.
    return 0


if __name__ == "__main__":
    sys.exit(main())
