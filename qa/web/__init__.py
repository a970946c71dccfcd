"""The web app of `qa serve` (see qa.web.server): chat page and widget (chat, html, static/),
REST API (api), the operator console at /admin (admin, auth, static/admin*), the index that is
switched without a restart and the background rebuild (live), per-client limits (ratelimit,
guards), browser policies (policy: framing, CSP, CORS), today's counts (stats), the SQLite files
that all workers share (sqlite_file: feedback, and the limits and counts of windows and stats) and
several worker processes on one port (workers). Entry point: `serve(settings)` in server.py,
`create_app(settings)` for an app without a process."""
