"""mentortui's benchmarks: ``python benchmarks/run.py`` runs the suite (see run.py); the
pair generators in ``pairs`` are reused by the tests."""
