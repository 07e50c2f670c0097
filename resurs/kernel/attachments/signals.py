"""What the attachments tell the domain apps.

``opened`` is sent when a user downloads a file, after the record it belongs to was found
through the record's scope: ``sender`` is the record's model, with ``record`` and
``request``. An app whose records hold personal data logs the opening there (X-3).
"""

from django.dispatch import Signal

opened = Signal()
