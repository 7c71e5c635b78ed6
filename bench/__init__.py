"""Benchmarks run by ``impsmart bench``: every ``bench_*.py`` here exposes ``run(ctx)``."""
