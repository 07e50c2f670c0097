"""Browser tests: every demo role walks its menu in a real Chromium (issue requirement 10)."""
