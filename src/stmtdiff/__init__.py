"""stmtdiff: what changed between joint statements, and what is said for the first time."""

__all__ = ["__version__"]

__version__ = "0.1.0"
