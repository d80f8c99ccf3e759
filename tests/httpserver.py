"""A tiny loopback HTTP file server with byte-range support (for resumable-download tests)."""

from __future__ import annotations

import functools
import http.server
import re
from pathlib import Path


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files; honours ``Range: bytes=N-`` with 206; records every request."""

    log: list = []

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):  # noqa: N802 - http.server naming
        type(self).log.append((self.path, self.headers.get("Range")))
        rng = self.headers.get("Range")
        path = Path(self.translate_path(self.path))
        match = re.fullmatch(r"bytes=(\d+)-", rng or "")
        if not match or not path.is_file():
            return super().do_GET()
        data = path.read_bytes()[int(match.group(1)) :]
        self.send_response(206)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def serve(root: Path) -> http.server.ThreadingHTTPServer:
    """An HTTP server bound to 127.0.0.1 on a free port, serving ``root``."""
    RangeHandler.log = []
    handler = functools.partial(RangeHandler, directory=str(root))
    return http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
