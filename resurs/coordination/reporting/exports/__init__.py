"""REP-8: exports of reporting, one module per thing exported — a report, the receiver's
board and the three REP-6 dashboards (the Department's, a centre's direction, a УСЗН's
territory). Each builder takes the scope, the period and the filters, never the request,
and returns a resurs.kernel.documents.Document; the views (reporting.export_views) parse the
request, apply the page's access rules and render the document.
"""
