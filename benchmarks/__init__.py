"""Benchmarks for EFH Desktop. They report numbers (as ratios to a baseline measured in the same
run); they never assert. See benchmarks/README.md."""
