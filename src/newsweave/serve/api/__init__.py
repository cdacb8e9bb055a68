"""The JSON API: routes, request parsing and limits, response schemas, security headers, offline docs."""
