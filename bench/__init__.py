"""Benchmark of the organisation directory (`make bench`, see bench/README.md)."""
