"""Benchmarks: ratios to a baseline measured in the same run (see docs/benchmarks.md)."""
