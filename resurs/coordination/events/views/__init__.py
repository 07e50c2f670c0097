"""Pages of events, the training plan, consultations, media plans and publications (EVT-1..4).

One module per concept. Querysets come from `selectors`, writes from `services`; the
single-form pages reuse the directory's `submit` / `form_page` pattern.
"""
