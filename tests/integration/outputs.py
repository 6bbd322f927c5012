"""The JSON outputs of compare, first-mention, timeline and novel on ../shared/corpora, digested.

`python tests/integration/outputs.py record` writes their sha256 digests to golden/outputs.json;
test_outputs.py runs the same commands and compares. A restructure must leave every digest as it
was; a change of behaviour re-records them in the same commit and says why. Only digests are
kept: the outputs quote the statements, which the repo does not ship.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden" / "outputs.json"

TERMS = {
    "aukus": ["submarine", "Indo-Pacific", "hypersonic"],
    "asean-us": ["South China Sea", "Myanmar", "digital"],
    "g7-leaders-statements": ["Ukraine", "sanctions", "artificial intelligence"],
    "fomc-longer-run-goals": ["inflation", "maximum employment"],
    "fomc": ["inflation", "pandemic", "balance sheet"],
}
"""Series -> terms for first-mention and timeline."""


def commands(series: str) -> list[list[str]]:
    """The argument lists run for one series (after --corpus DIR --series NAME)."""
    runs = [["compare", "previous", "latest", "--json"],
            ["compare", "first", "latest", "--json"],
            ["novel", "latest", "--json"]]
    for term in TERMS[series]:
        runs.append(["first-mention", term, "--json"])
    runs.append(["timeline", *TERMS[series], "--json"])
    return runs


def digests(corpora: Path, cache: Path) -> dict[str, str]:
    """'series: args' -> sha256 of the command's stdout (exit code folded in)."""
    from typer.testing import CliRunner

    from stmtdiff.cli import app

    runner = CliRunner()
    result = {}
    for series in TERMS:
        for args in commands(series):
            full = ["--corpus", str(corpora), "--series", series, "--cache-dir", str(cache), *args]
            out = runner.invoke(app, full)
            key = f"{series}: {' '.join(args)}"
            result[key] = hashlib.sha256(
                f"{out.exit_code}\n{out.stdout}".encode()).hexdigest()
    return result


def main() -> None:
    import tempfile

    corpora = Path(__file__).resolve().parents[3] / "shared" / "corpora"
    with tempfile.TemporaryDirectory() as cache:
        found = digests(corpora, Path(cache))
    GOLDEN.write_text(json.dumps(found, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"recorded {len(found)} digests in {GOLDEN}")


if __name__ == "__main__" and sys.argv[1:] == ["record"]:
    main()
