"""`allegiance serve`: the JSON API over every view, and the web page built from `web/`."""

from allegiance.serve.app import create_app

__all__ = ["create_app"]
