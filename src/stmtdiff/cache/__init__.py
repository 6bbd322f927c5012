"""Disposable caches (SQLite, data only): clauses, the term index, series snapshots."""
