"""Stage 6 for the browser: the web app and its JSON API (FastAPI, Jinja2), over the same library."""
