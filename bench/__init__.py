"""Benchmarks kept in the repository: tally speed, recognition accuracy and speed."""
