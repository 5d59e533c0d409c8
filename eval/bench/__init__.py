"""Performance benchmarks."""
