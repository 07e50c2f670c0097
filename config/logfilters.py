"""Logging filters of the project (settings.LOGGING)."""

import logging
import re


class NoTracebackFor4xx(logging.Filter):
    """A 4xx response (a refused permission, a suspicious request) is logged without the
    exception's traceback: it is the client's error, not the system's."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True


class NoQueryString(logging.Filter):
    """Drops query strings from a message: a request line that gunicorn rejects (raw UTF-8 in
    the URL, say) is quoted whole in its error log, with the search terms in it."""

    QUERY = re.compile(r"\?[^\s'\"]*")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self.QUERY.sub("?…", message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
