"""The HTTP service: `create_app(settings)` in `app.py`, `serve(settings)` in `server.py`."""
