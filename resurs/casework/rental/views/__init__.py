"""Pages of the rental point (TSR-1..5): the point and its inventory (`inventory`), the
applications and the waiting list (`applications`), the contracts, their extension and
return (`contracts`). Reads from `selectors`, writes from `services`."""
