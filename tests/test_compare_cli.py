"""stmtdiff compare through the CLI: exit codes, error messages, JSON contract, formats."""

from __future__ import annotations

import json

import jsonschema

from stmtdiff.schemas import load_schema

OLD = """Joint Statement of the Partners

The partners met in the capital and reviewed their common agenda for the coming year.
They reaffirmed their commitment to open markets and fair trade.
The partners agreed to strengthen cooperation on disaster relief.

Energy
The partners will expand investment in clean energy technology.
"""

NEW = """Joint Statement of the Partners

The partners met in the capital and reviewed their common agenda for the coming year.
They reaffirmed their strong commitment to open markets and fair trade.
The partners agreed to strengthen cooperation on disaster relief.

Energy
The partners will expand investment in clean energy technology.
They launched a new dialogue on geothermal power.
"""

EARLIEST = """Joint Statement of the Partners

The partners met and discussed open markets.
They agreed to meet again next year in the capital.
"""


def test_json_contract_and_first_in_series(invoke, make_series) -> None:
    folder = make_series({"2019-01-01": EARLIEST, "2020-01-01": OLD, "2021-01-01": NEW})
    code, out, err = invoke("compare", "2020", "2021", "--corpus", str(folder), "--json")
    assert code == 0, err
    doc = json.loads(out)
    jsonschema.validate(doc, load_schema("compare"))
    assert doc["summary"] == {"unchanged": 3, "modified": 1, "moved": 0, "split": 0,
                              "merged": 0, "added": 1, "removed": 0}
    assert doc["history"] == {"checked": ["2019-01-01", "2020-01-01"], "earlier": 2}
    ops = [p["op"] for p in doc["pairs"]]
    assert ops == ["unchanged", "modified", "unchanged", "unchanged", "added"]
    modified = doc["pairs"][1]
    assert [c for c in modified["changes"] if c["op"] != "equal"] == [
        {"op": "insert", "text": "strong "}]
    added = doc["pairs"][4]
    firsts = {n["text"] for n in added["new_in_series"] if n["last_seen"] is None}
    assert {"new dialogue", "geothermal power"} <= firsts  # whole units, no common word alone
    assert all(isinstance(n["score"], float) for p in doc["pairs"] for n in p["new_in_series"])
    text = NEW.strip()
    for pair in doc["pairs"]:
        for n in pair["new_in_series"]:
            assert text[n["start"]:n["end"]] == n["text"]


def test_fail_if_diff_and_only(invoke, make_series) -> None:
    folder = make_series({"2020-01-01": OLD, "2021-01-01": NEW})
    code, out, _ = invoke("compare", "2020", "2021", "--corpus", str(folder), "--fail-if-diff",
                          "--only", "added", "--json")
    assert code == 1
    assert [p["op"] for p in json.loads(out)["pairs"]] == ["added"]


def test_unchanged_statements_exit_0_with_fail_if_diff(invoke, make_series) -> None:
    same = OLD.replace("'", "\u2019")
    folder = make_series({"2020-01-01": OLD, "2021-01-01": same})
    code, out, _ = invoke("compare", "2020", "2021", "--corpus", str(folder), "--fail-if-diff")
    assert code == 0
    assert "no differences" in out


def test_same_statement_twice(invoke, make_series) -> None:
    folder = make_series({"2020-01-01": OLD, "2021-01-01": NEW})
    code, _, err = invoke("compare", "2021", "latest", "--corpus", str(folder))
    assert code == 2
    assert err == ("error: 2021 and latest are the same statement (demo 2021-01-01) (give two "
                   "different statements, e.g. stmtdiff compare previous latest)\n")


def test_statement_without_text(invoke, make_series) -> None:
    folder = make_series({"2020-01-01": OLD, "2021-01-01": None})
    code, _, err = invoke("compare", "2020", "2021", "--corpus", str(folder))
    assert code == 2
    assert err == ("error: no text yet for 2021-01-01 (demo), and no source to fetch it from "
                   "(run: stmtdiff add FILE --id 2021-01-01)\n")


def test_statement_without_text_but_a_source_is_not_fetched_by_default(invoke, make_series) -> None:
    folder = make_series({"2020-01-01": OLD, "2021-01-01": None})
    with (folder / "2021-01-01.toml").open("a", encoding="utf-8") as fh:
        fh.write('[[sources]]\nurl = "http://127.0.0.1:9/statement.html"\n')
    code, _, err = invoke("compare", "2020", "2021", "--corpus", str(folder), "--no-fetch")
    assert code == 2
    assert err == ("error: no text yet for 2021-01-01 (demo) (run: stmtdiff fetch 2021-01-01"
                   "   or: stmtdiff add FILE --id 2021-01-01)\n")


def test_earlier_statements_without_text_are_not_fetched(invoke, make_series) -> None:
    folder = make_series({"2019-01-01": None, "2020-01-01": OLD, "2021-01-01": NEW})
    with (folder / "2019-01-01.toml").open("a", encoding="utf-8") as fh:
        fh.write('[[sources]]\nurl = "http://127.0.0.1:9/statement.html"\n')
    code, out, err = invoke("compare", "2020", "2021", "--corpus", str(folder), "--json")
    assert code == 0, err
    assert json.loads(out)["history"] == {"checked": ["2020-01-01"], "earlier": 2}


def test_one_clause_statement(invoke, make_series) -> None:
    folder = make_series({"2020-01-01": OLD, "2021-01-01": "The partners met in the capital."})
    code, _, err = invoke("compare", "2020", "2021", "--corpus", str(folder))
    assert code == 2
    assert err == ("error: demo 2021-01-01 has only one clause: nothing to align (check its "
                   "text with stmtdiff show 2021-01-01)\n")


def test_ids_from_different_series(invoke, make_series, tmp_path) -> None:
    root = tmp_path / "corpus"
    make_series({"2020-01-01": OLD}, name="one", root=root)
    make_series({"2021-01-01": NEW}, name="two", root=root)
    code, _, err = invoke("compare", "one/2020", "two/2021", "--corpus", str(root))
    assert code == 2
    assert err == ("error: 2020-01-01 is in series one and 2021-01-01 in two (compare two "
                   "statements of one series)\n")


def test_unknown_only_label(invoke, make_series) -> None:
    folder = make_series({"2020-01-01": OLD, "2021-01-01": NEW})
    code, _, err = invoke("compare", "2020", "2021", "--corpus", str(folder), "--only", "changed")
    assert code == 2
    assert err == ("error: --only: unknown label 'changed' (labels are unchanged, modified, "
                   "moved, split, merged, added, removed)\n")


def test_history_note_when_earlier_texts_are_missing(invoke, make_series) -> None:
    folder = make_series({"2019-01-01": None, "2020-01-01": OLD, "2021-01-01": NEW})
    code, out, _ = invoke("compare", "2020", "2021", "--corpus", str(folder), "--format",
                          "markdown")
    assert code == 0
    assert "history covers 1 of 2 earlier statements" in out
    assert "- *modified* A1 → B1: They reaffirmed their **strong** commitment" in out
    assert "## Energy" in out
    assert "✦ first in series: *new dialogue on geothermal power*" in out  # one formula


def test_terminal_without_colour_marks_changes_in_text(invoke, make_series) -> None:
    folder = make_series({"2020-01-01": OLD, "2021-01-01": NEW})
    code, out, _ = invoke("compare", "2020", "2021", "--corpus", str(folder))
    assert code == 0
    lines = [line.rstrip() for line in out.splitlines()]
    assert lines[:3] == ["demo  2020-01-01 → 2021-01-01",
                         "A 2020-01-01  Statement of 2020-01-01",
                         "B 2021-01-01  Statement of 2021-01-01"]
    assert lines[3] == "3 unchanged, 1 modified, 1 added"
    assert "    They reaffirmed their {+✦strong +}commitment to open markets and fair trade." \
        in lines
    assert "    {+They launched a ✦new dialogue on geothermal power.+}" in lines


def test_side_by_side_and_all(invoke, make_series) -> None:
    folder = make_series({"2020-01-01": OLD, "2021-01-01": NEW})
    code, out, _ = invoke("compare", "2020", "2021", "--corpus", str(folder), "--side-by-side",
                          "--all")
    assert code == 0
    assert "A 2020-01-01" in out and "B 2021-01-01" in out
    assert "= unchanged" in out


def test_unusual_characters_stay_on_the_plain_path(invoke, make_series, monkeypatch) -> None:
    """A ligature, an emoji, CJK and a zero-width joiner in B: into a pipe the view is still
    written as plain lines, never laid out by rich."""
    import stmtdiff.render.compare_terminal as terminal

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("rich layout used for piped output")

    monkeypatch.setattr(terminal, "compare_renderable", refused)
    odd = NEW.replace("They launched", "They ﬁnally launched \U0001f30d 地熱 a\u200db")
    folder = make_series({"2020-01-01": OLD, "2021-01-01": odd})
    code, out, err = invoke("compare", "2020", "2021", "--corpus", str(folder))
    assert code == 0, err
    assert "{+They ﬁnally launched \U0001f30d ✦地熱 a\u200db a ✦new" in out
    assert "\x1b[" not in out  # no terminal styling
    assert all(line == line.rstrip() for line in out.splitlines())
