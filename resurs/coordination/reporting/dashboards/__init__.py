"""REP-6 dashboards and the REP-5 effectiveness coefficient: `selectors` reads the numbers
(every resource centre × direction × period), `forms`, `views` and `urls` are the pages."""
