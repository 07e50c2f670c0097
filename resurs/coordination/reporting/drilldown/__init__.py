"""REP-4/REP-6 drill-down pages: the records behind a KPI (`views`, `forms`, `urls`)."""
