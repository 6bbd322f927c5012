"""list, show and index through the CLI: exact output, JSON contracts, the cache, start-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema

from stmtdiff.schemas import load_schema

TEXT = """Joint Statement

The partners met in the capital and reviewed their common agenda for the year.

Shared Priorities
- expanding trade in clean energy technology;
- coordinating responses to natural disasters.
"""


def test_show_json_offsets_match_the_text(invoke, make_series) -> None:
    folder = make_series({"2020-05-01": TEXT, "2021-06-01": None})
    code, out, _ = invoke("show", "2020", "--corpus", str(folder), "--json")
    assert code == 0
    doc = json.loads(out)
    jsonschema.validate(doc, load_schema("show"))
    text = doc["statement"]["text"]
    assert text == TEXT.strip()
    assert [c["text"] for c in doc["clauses"]] == [
        "The partners met in the capital and reviewed their common agenda for the year.",
        "expanding trade in clean energy technology;",
        "coordinating responses to natural disasters.",
    ]
    assert [c["section"] for c in doc["clauses"]] == ["Joint Statement"] + ["Shared Priorities"] * 2
    for clause in doc["clauses"]:
        assert text[clause["start"]:clause["end"]] == clause["text"]


def test_show_terminal_groups_clauses_under_sections(invoke, make_series) -> None:
    folder = make_series({"2020-05-01": TEXT})
    code, out, _ = invoke("show", "latest", "--corpus", str(folder))
    assert code == 0
    lines = [line.rstrip() for line in out.splitlines()]
    assert lines[0] == "demo 2020-05-01  Statement of 2020-05-01"
    assert lines[1].startswith("3 clauses, segmented by en_core_web_sm")
    assert lines[2:] == [
        "", "Joint Statement",
        "0 The partners met in the capital and reviewed their common agenda for the year.",
        "", "Shared Priorities",
        "1 expanding trade in clean energy technology;",
        "2 coordinating responses to natural disasters.",
    ]


def test_list_json_and_clause_counts_after_index(invoke, make_series) -> None:
    folder = make_series({"2020-05-01": TEXT, "2021-06-01": None})
    code, out, _ = invoke("list", "--corpus", str(folder), "--json")
    doc = json.loads(out)
    jsonschema.validate(doc, load_schema("list"))
    assert [(s["id"], s["has_text"], s["clauses"]) for s in doc["statements"]] == [
        ("2020-05-01", True, None), ("2021-06-01", False, None)]
    code, _, err = invoke("index", "--corpus", str(folder))
    assert code == 0
    assert "indexed 1 statements of demo: 3 clauses" in err
    doc = json.loads(invoke("list", "--corpus", str(folder), "--json")[1])
    assert [s["clauses"] for s in doc["statements"]] == [3, None]


def test_list_shows_the_packaged_catalog_offline(invoke, in_tmp: Path) -> None:
    code, out, _ = invoke("list", "--json")
    assert code == 0
    doc = json.loads(out)
    jsonschema.validate(doc, load_schema("list"))
    assert doc["series"] == ["us-japan-scc"]
    assert len(doc["statements"]) == 28
    assert not any(s["has_text"] for s in doc["statements"])
    code, out, _ = invoke("list")
    assert code == 0 and "2021-03-16" in out


def test_show_without_text_says_what_to_run(invoke, make_series) -> None:
    folder = make_series({"2021-06-01": None})
    code, _, err = invoke("show", "2021", "--corpus", str(folder))
    assert code == 2
    assert err.startswith("error: no text yet for 2021-06-01 (demo)")
    assert "stmtdiff add FILE --id 2021-06-01" in err  # no source: fetch cannot help


def test_a_changed_text_is_parsed_again(invoke, make_series) -> None:
    folder = make_series({"2020-05-01": TEXT})
    first = json.loads(invoke("show", "2020", "--corpus", str(folder), "--json")[1])
    (folder / "2020-05-01.txt").write_text("A wholly different statement was issued on this day.")
    second = json.loads(invoke("show", "2020", "--corpus", str(folder), "--json")[1])
    assert len(first["clauses"]) == 3
    assert [c["text"] for c in second["clauses"]] == [
        "A wholly different statement was issued on this day."]


def test_warm_show_does_not_import_spacy(make_series, tmp_path: Path) -> None:
    folder = make_series({"2020-05-01": TEXT})
    env = {**os.environ, "STMTDIFF_CACHE_DIR": str(tmp_path / "warm-cache")}
    probe = ("import sys; from stmtdiff.cli import app\n"
             "try:\n    app(['show', '2020', '--corpus', sys.argv[1], '--json'])\n"
             "except SystemExit:\n    pass\n"
             "print('SPACY' if 'spacy' in sys.modules else 'NO-SPACY', file=sys.stderr)\n")
    cold = subprocess.run([sys.executable, "-c", probe, str(folder)], env=env,
                          capture_output=True, text=True, check=True)
    warm = subprocess.run([sys.executable, "-c", probe, str(folder)], env=env,
                          capture_output=True, text=True, check=True)
    assert cold.stderr.strip().endswith("SPACY") and "NO-SPACY" not in cold.stderr
    assert warm.stderr.strip().endswith("NO-SPACY")
    assert json.loads(cold.stdout) == json.loads(warm.stdout)


def test_unknown_model_suggests_a_name(invoke, make_series) -> None:
    folder = make_series({"2020-05-01": TEXT})
    code, _, err = invoke("show", "2020", "--corpus", str(folder), "--model", "en_core_web_smm")
    assert code == 2
    assert err.strip() == ("error: spaCy pipeline 'en_core_web_smm' is not installed "
                           "(did you mean en_core_web_sm?)")


def test_global_options_before_the_command(invoke, make_series) -> None:
    folder = make_series({"2020-05-01": TEXT})
    code, out, _ = invoke("--corpus", str(folder), "show", "latest", "--json")
    assert code == 0 and json.loads(out)["statement"]["id"] == "2020-05-01"


def test_every_command_has_help_with_an_example(invoke) -> None:
    for name in ("list", "show", "index"):
        code, out, _ = invoke(name, "--help")
        assert code == 0
        assert "Examples:" in out and "stmtdiff " in out
