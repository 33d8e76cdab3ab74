"""A webhook receiver for the compose checks: answers every POST with 204 and appends one JSON line per
request (path, webhook-id, body) to the file named by its argument. Prints the port it listens on."""
import http.server
import json
import sys
import threading

lock = threading.Lock()
out = open(sys.argv[1], "a", buffering=1)


class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length") or 0)).decode("utf-8", "replace")
        line = json.dumps({"path": self.path, "webhook_id": self.headers.get("webhook-id"), "body": body})
        with lock:
            out.write(line + "\n")
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("0.0.0.0", 0), Hook)
print(server.server_address[1], flush=True)
server.serve_forever()
