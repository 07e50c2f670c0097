"""gunicorn settings for `make run` (gunicorn -c config/gunicorn.py).

The access log leaves out the query string and the Referer: searches carry people's names and
ИНН in them (``?q=…``), and personal data has no place in a plain-text log.
"""

accesslog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(a)s" %(L)s'
