"""The running service: the HTTP app (FastAPI routes, middleware, the `/ui` mount) and the
`vca` command line. The top layer: it composes `assistant`, `ui` and `eval`."""
