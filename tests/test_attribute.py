"""compare --attribute: the statement between A and B that first carried each changed clause."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from fakeseg import fake_segmented
from stmtdiff.cli import app
from stmtdiff.history.attribution import attribute
from stmtdiff.schemas import load_schema

A = ("The partners reviewed the alliance and its command structure in detail.\n"
     "They agreed to expand exercises across the region next year.\n")
MID = ("The partners reviewed the alliance and its command structure in detail.\n"
       "They agreed to deepen cooperation on space and cyber security this year.\n")
MID2 = ("The partners reviewed the alliance and its command structure in detail.\n"
        "They agreed to deepen cooperation on space and cyber security this year.\n"
        "They welcomed the new port agreement signed by the two transport agencies.\n")
B = ("The partners reviewed the alliance and its command structure in detail.\n"
     "They agreed to deepen cooperation on space and cyber security this year.\n"
     "They welcomed the new port agreement signed by the two transport ministries.\n"
     "They condemned the missile launches that threaten regional peace and stability.\n")


def test_attribute_finds_the_first_statement_with_the_wording() -> None:
    b = fake_segmented("2023-01-01", B)
    between = [fake_segmented("2021-01-01", MID), fake_segmented("2022-01-01", MID2)]
    found = attribute(b, [1, 2, 3], between)
    assert [(f.clause, f.statement.id, f.source_clause) for f in found] == [
        (1, "2021-01-01", 1), (2, "2022-01-01", 2), (3, "2023-01-01", None)]
    whole, edited, new = found
    assert whole.shared is not None and whole.shared.words == whole.clause_words == 7
    assert edited.shared is not None and (edited.shared.words, edited.clause_words) == (7, 8)
    # "agencies" became "ministries": the run stops before it, in both texts
    assert MID2[edited.shared.start:edited.shared.end].endswith("two transport")
    assert B[edited.shared.b_start:edited.shared.b_end] == \
        MID2[edited.shared.start:edited.shared.end]
    assert new.new and new.shared is None


def test_a_run_shorter_than_six_content_words_is_not_a_source() -> None:
    # five content words in common (function words do not count), then a different one
    b = fake_segmented("2023-01-01", "Ministers of the region welcomed the harbour plan "
                                     "warmly today.\n")
    earlier = fake_segmented("2022-01-01", "Ministers in the region welcomed a harbour plan "
                                           "again.\n")
    assert attribute(b, [0], [earlier])[0].new
    assert not attribute(b, [0], [earlier], min_run=5)[0].new


def test_the_earliest_source_wins_and_runs_cross_typography() -> None:
    clause = "Leaders pledged \u201cfirm, lasting\u201d support to coastal fishing communities.\n"
    b = fake_segmented("2024-01-01", clause)
    first = fake_segmented("2020-01-01", "Leaders pledged \"firm lasting\" support to coastal "
                                         "towns.\n")
    second = fake_segmented("2022-01-01", clause.replace("\u201c", '"').replace("\u201d", '"'))
    (found,) = attribute(b, [0], [first, second])
    assert found.statement.id == "2020-01-01"
    assert found.shared is not None and found.shared.words == 6
    assert attribute(b, [0], [second])[0].shared.words == 8  # type: ignore[union-attr]


def test_compare_attribute_cli(make_series) -> None:
    folder: Path = make_series({"2020-01-01": A, "2021-01-01": MID, "2021-06-01": None,
                                "2022-01-01": MID2, "2023-01-01": B})
    args = ["compare", "2020", "2023", "--corpus", str(folder), "--model", "blank",
            "--no-fetch", "--attribute"]
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, load_schema("compare"))
    assert result.stderr == ("note: skipped 1 of 3 statements without a text; fetch them with: "
                             "stmtdiff fetch 2021-06-01\n")
    by_clause = {a["clause"]: (a["statement"], a["new_in_b"]) for a in doc["attribution"]}
    shared = {a["clause"]: a["shared"] and a["shared"]["words"] for a in doc["attribution"]}
    assert shared == {1: 7, 2: 7, 3: None}
    assert by_clause == {1: ("2021-01-01", False), 2: ("2022-01-01", False),
                         3: ("2023-01-01", True)}
    terminal = CliRunner().invoke(app, args).stdout
    tail = terminal[terminal.index("Where the changed clauses"):].splitlines()
    assert tail[0] == "Where the changed clauses of 2023-01-01 first appeared"
    assert [line.split()[:3] for line in tail[2:]] == [
        ["1", "2021-01-01", "#1"], ["2", "2022-01-01", "#2"], ["3", "new", "here"]]
