"""gunicorn settings for `make run` (gunicorn -c config/gunicorn.py).

Searches carry people's names and ИНН in the query string (``?q=…``), and personal data has
no place in a plain-text log: the access log leaves out the query string and the Referer, and
the error log, which quotes a rejected request line whole, has query strings cut out.
"""

from gunicorn import glogging

from config.logfilters import NoQueryString

accesslog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(a)s" %(L)s'


class Logger(glogging.Logger):
    def setup(self, cfg):
        super().setup(cfg)
        self.error_log.addFilter(NoQueryString())


logger_class = Logger
