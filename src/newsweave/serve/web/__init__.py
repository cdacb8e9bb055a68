"""Server-rendered pages (Jinja2, autoescaped) over the same service layer as the JSON API."""
