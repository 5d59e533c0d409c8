"""Performance benchmarks: `vca bench` (entry point `eval.bench.cli.main`; see
docs/benchmarks.md)."""
