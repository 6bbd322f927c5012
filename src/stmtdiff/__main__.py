"""python -m stmtdiff: the console script, run by this interpreter (so PYTHONPATH applies)."""

from stmtdiff.cli import main

main()
