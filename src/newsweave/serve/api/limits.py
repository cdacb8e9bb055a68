"""Request body size limit as a pure ASGI middleware: checks ``Content-Length`` first, then counts streamed
bytes (chunked uploads have no length), so an oversize body is refused with 413 without being buffered."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsweave.serve.errors import ApiError, error_body


def too_large(limit: int) -> ApiError:
    return ApiError(413, "payload_too_large", f"request body is over the {limit}-byte limit",
                    {"max_body_bytes": limit})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_error(send: Send, err: ApiError) -> None:
    body = json.dumps(error_body(err.code, err.message, err.detail)).encode()
    await send({
        "type": "http.response.start",
        "status": err.status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close")],
    })
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = _content_length(scope)
        if length is not None and length > self.max_bytes:
            await _send_error(send, too_large(self.max_bytes))
            return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise too_large(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except ApiError as err:  # raised by limited_receive outside a route's error handling
            if started or err.status != 413:
                raise
            await _send_error(send, err)
