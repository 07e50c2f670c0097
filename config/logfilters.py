"""Logging filters of the project (settings.LOGGING)."""

import logging


class NoTracebackFor4xx(logging.Filter):
    """A 4xx response (a refused permission, a suspicious request) is logged without the
    exception's traceback: it is the client's error, not the system's."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
