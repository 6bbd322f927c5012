"""first-mention, timeline and aliases through the CLI: exact output, JSON contracts, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from stmtdiff.schemas import load_schema

REPO = Path(__file__).resolve().parents[1]

TEXTS: dict[str, str | None] = {
    "2019-01-01": (
        "Joint Statement\n\n"
        "The Ministers reaffirmed the importance of peace and stability across the Taiwan\n"
        "Strait. They welcomed progress on \u201chost nation support\u201d.\n\n"
        "Regional Security\n"
        "- strengthening ballistic missile defense cooperation;\n"
        "- deepening cooperation in outer space.\n"),
    "2020-01-01": "The Ministers discussed trade and energy. They noted the new harbour.\n",
    "2021-01-01": "The Ministers discussed trade, energy and climate.\n",
    "2022-01-01": ("The Ministers underlined peace in the Taiwan Straits and opposed unilateral "
                   "change. Taiwan, Strait and taiwan were named.\n"),
    "2023-01-01": None,
}
SKIPPED = ("note: skipped 1 of 5 statements without a text; fetch them with: "
           "stmtdiff fetch 2023-01-01\n")
ALIASES = """
[taiwan]
description = "Taiwan"
terms = ["Taiwan", "Taiwan Strait"]

[missiles]
description = "Missile defense"
terms = ["missile defense", "Aegis"]
"""


@pytest.fixture
def demo(make_series) -> Path:
    folder = make_series(TEXTS)
    (folder / "aliases.toml").write_text(ALIASES, encoding="utf-8")
    return folder


def test_first_mention_terminal(invoke, demo: Path) -> None:
    code, out, err = invoke("first-mention", "taiwan strait", "--corpus", str(demo),
                            "--model", "blank")
    assert code == 0
    assert err == SKIPPED
    assert out.splitlines() == [
        "first mention of taiwan strait in demo: 2019-01-01  Statement of 2019-01-01",
        # the wrapped line is one sentence now, so the whole name is marked
        "  clause 0: The Ministers reaffirmed the importance of peace and stability across the "
        "\u00abTaiwan",
        "Strait\u00bb.",
        "",
        "statement   count",
        "2019-01-01      1  " + "\u2588" * 20,
        "2020-01-01      0",
        "2021-01-01      0",
        "2022-01-01      1  " + "\u2588" * 20,
        "absent 2020-01-01 .. 2021-01-01",
    ]


def test_first_mention_json_contract(invoke, demo: Path) -> None:
    code, out, _ = invoke("first-mention", "Taiwan", "--alias", "missiles", "--corpus", str(demo),
                          "--model", "blank", "--json")
    assert code == 0
    doc = json.loads(out)
    jsonschema.validate(doc, load_schema("first-mention"))
    assert doc["query"] == ["Taiwan", "missile defense", "Aegis"]
    assert doc["aliases"] == ["missiles"]
    assert doc["first"]["statement"] == "2019-01-01"
    assert [(m["statement"], m["count"]) for m in doc["mentions"]] == [
        ("2019-01-01", 2), ("2020-01-01", 0), ("2021-01-01", 0), ("2022-01-01", 3)]
    assert doc["absent"] == ["2020-01-01", "2021-01-01"]
    assert doc["absent_stretches"] == [{"from": "2020-01-01", "to": "2021-01-01"}]
    assert doc["skipped"] == ["2023-01-01"]
    text = (demo / "2019-01-01.txt").read_text(encoding="utf-8")
    clauses = doc["mentions"][0]["clauses"]
    assert [text[m["start"]:m["end"]] for c in clauses for m in c["matches"]] == [
        "Taiwan", "missile defense"]
    for clause in clauses:
        assert text[clause["start"]:clause["end"]] == clause["text"]


def test_first_mention_lemmas_with_the_trained_pipeline(invoke, demo: Path) -> None:
    code, out, _ = invoke("first-mention", "strait", "--corpus", str(demo), "--json")
    assert code == 0
    doc = json.loads(out)
    assert [m["count"] for m in doc["mentions"]] == [1, 0, 0, 2]
    code, out, _ = invoke("first-mention", "strait", "--no-lemma", "--corpus", str(demo),
                          "--json")
    assert [m["count"] for m in json.loads(out)["mentions"]] == [1, 0, 0, 1]


def test_nothing_found_exits_1_with_json(invoke, demo: Path) -> None:
    code, out, _ = invoke("first-mention", "submarine", "--corpus", str(demo), "--model",
                          "blank", "--json")
    assert code == 1
    doc = json.loads(out)
    jsonschema.validate(doc, load_schema("first-mention"))
    assert doc["first"] is None and doc["absent"] == []
    code, out, _ = invoke("first-mention", "submarine", "--corpus", str(demo), "--model", "blank")
    assert (code, out) == (1, "no statement of demo mentions submarine\n")


@pytest.mark.parametrize(("args", "message"), [
    (["first-mention", ""], "error: empty search term (give a word or phrase, e.g. Taiwan)"),
    (["first-mention"], "error: no TERM given (give a word or phrase, or --alias NAME)"),
    (["timeline", "--regex", "(oops"],
     "error: regular expression '(oops' does not compile: missing ), unterminated subpattern "
     "at position 0 (fix the pattern, or drop --regex to search for words)"),
    (["first-mention", "  "], "error: empty search term (give a word or phrase, e.g. Taiwan)"),
    (["first-mention", "--alias", "taiwn"],
     "error: unknown alias 'taiwn' in series demo (did you mean taiwan?)"),
])
def test_bad_input_exits_2(invoke, demo: Path, args: list[str], message: str) -> None:
    code, out, err = invoke(*args, "--corpus", str(demo), "--model", "blank")
    assert code == 2
    assert out == ""
    assert err.splitlines()[-1] == message


def test_series_without_texts(invoke, make_series) -> None:
    folder = make_series({"2020-01-01": None})
    code, _, err = invoke("first-mention", "Taiwan", "--corpus", str(folder))
    assert code == 2
    assert err == ("error: series demo has no statement texts yet (run: stmtdiff fetch --all   "
                   "(or stmtdiff add FILE --id ID))\n")


def test_timeline_csv_json_and_table(invoke, demo: Path) -> None:
    base = ["timeline", "taiwan", "--alias", "missiles", "--corpus", str(demo), "--model",
            "blank"]
    code, out, _ = invoke(*base, "--csv")
    assert code == 0
    assert out == ("statement,date,taiwan,missiles\n2019-01-01,2019-01-01,1,1\n"
                   "2020-01-01,2020-01-01,0,0\n2021-01-01,2021-01-01,0,0\n"
                   "2022-01-01,2022-01-01,3,0\n")
    doc = json.loads(invoke(*base, "--json")[1])
    jsonschema.validate(doc, load_schema("timeline"))
    assert doc["terms"] == ["taiwan", "missiles"]
    assert [s["counts"] for s in doc["statements"]] == [[1, 1], [0, 0], [0, 0], [3, 0]]
    assert invoke(*base)[1] == (  # not a terminal: plain lines, bars of 20 at most
        "statement   taiwan                  missiles\n"
        "2019-01-01  1 " + "\u2588" * 7 + " " * 15 + "1 " + "\u2588" * 20 + "\n"
        "2020-01-01  0                       0\n"
        "2021-01-01  0                       0\n"
        "2022-01-01  3 " + "\u2588" * 20 + "  0\n")


def test_timeline_table_on_a_terminal(demo: Path) -> None:
    import io

    from rich.console import Console

    from stmtdiff.history.search import Timeline
    from stmtdiff.model import Statement
    from stmtdiff.render.history_terminal import timeline_table
    from stmtdiff.render.history_view import build_timeline_view

    rows = tuple((Statement(sid, sid, "t", "demo", demo / "x.toml", None), counts)
                 for sid, counts in (("2019-01-01", (1, 4)), ("2022-01-01", (3, 0))))
    view = build_timeline_view(Timeline(("taiwan", "missiles"), rows), series="demo",
                               mode="lemma", skipped=())
    out = io.StringIO()
    Console(file=out, width=40, color_system=None).print(timeline_table(view, width=40))
    assert [line.rstrip() for line in out.getvalue().splitlines()] == [
        "statement   taiwan         missiles",
        "2019-01-01  1 " + "\u2588" * 4 + "         4 " + "\u2588" * 11,
        "2022-01-01  3 " + "\u2588" * 11 + "  0",
    ]


def test_aliases_lists_groups(invoke, demo: Path) -> None:
    code, out, _ = invoke("aliases", "--corpus", str(demo), "--json")
    assert code == 0
    doc = json.loads(out)
    jsonschema.validate(doc, load_schema("aliases"))
    assert [(a["name"], a["terms"]) for a in doc["aliases"]] == [
        ("taiwan", ["Taiwan", "Taiwan Strait"]), ("missiles", ["missile defense", "Aegis"])]
    code, out, _ = invoke("aliases", "--corpus", str(demo))
    assert out.splitlines()[1].split() == ["taiwan", "Taiwan", "|", "Taiwan", "Strait", "Taiwan"]


def test_shipped_scc_aliases_parse(invoke) -> None:
    code, out, _ = invoke("aliases", "--corpus", str(REPO / "statements"), "--json")
    assert code == 0
    doc = json.loads(out)
    jsonschema.validate(doc, load_schema("aliases"))
    assert {a["name"] for a in doc["aliases"]} >= {
        "taiwan", "china", "north-korea", "senkaku", "okinawa", "extended-deterrence",
        "indo-pacific", "asia-pacific", "quad", "space-cyber", "host-nation-support",
        "roles-missions-capabilities", "missile-defense"}


def test_warm_first_mention_does_not_import_spacy(demo: Path, tmp_path: Path) -> None:
    env = {**os.environ, "STMTDIFF_CACHE_DIR": str(tmp_path / "warm-cache")}
    probe = ("import sys; from stmtdiff.cli import app\n"
             "try:\n    app(['first-mention', 'taiwan', '--corpus', sys.argv[1], '--json'])\n"
             "except SystemExit:\n    pass\n"
             "print('SPACY' if 'spacy' in sys.modules else 'NO-SPACY', file=sys.stderr)\n")
    runs = [subprocess.run([sys.executable, "-c", probe, str(demo)], env=env,
                           capture_output=True, text=True, check=True) for _ in range(2)]
    assert runs[0].stderr.strip().endswith("SPACY") and "NO-SPACY" not in runs[0].stderr
    assert runs[1].stderr.strip().endswith("NO-SPACY")
    assert json.loads(runs[0].stdout) == json.loads(runs[1].stdout)


def test_changed_text_is_indexed_again(invoke, demo: Path) -> None:
    args = ["first-mention", "harbour", "--corpus", str(demo), "--model", "blank", "--json"]
    assert [m["count"] for m in json.loads(invoke(*args)[1])["mentions"]] == [0, 1, 0, 0]
    (demo / "2021-01-01.txt").write_text("A harbour, and another harbour, were opened.\n")
    assert [m["count"] for m in json.loads(invoke(*args)[1])["mentions"]] == [0, 1, 2, 0]
    text = demo / "2020-01-01.txt"  # the same size: only the modification time tells
    before = text.stat()
    text.write_text(text.read_text().replace("the new harbour", "its new airport"))
    assert text.stat().st_size == before.st_size
    os.utime(text, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert [m["count"] for m in json.loads(invoke(*args)[1])["mentions"]] == [0, 0, 2, 0]


def test_exact_and_regex_through_the_cli(invoke, demo: Path) -> None:
    def counts(*args: str) -> list[int]:
        code, out, _ = invoke("timeline", *args, "--corpus", str(demo), "--model", "blank",
                              "--json")
        assert code == 0
        return [s["counts"][0] for s in json.loads(out)["statements"]]

    assert counts("taiwan", "--exact") == [0, 0, 0, 1]
    assert counts("Taiwan", "--exact") == [1, 0, 0, 2]
    assert counts(r"minist\w+", "--regex") == [1, 1, 1, 1]
    assert counts(r"Minist\w+", "--regex", "--exact") == [1, 1, 1, 1]
    assert counts(r"minist\w+", "--regex", "--exact") == [0, 0, 0, 0]


def test_plain_output_keeps_clauses_whole_and_imports_no_rich(make_series,
                                                              tmp_path: Path) -> None:
    text = ("The Ministers reaffirmed " + "their shared commitment to regional stability and " * 4
            + "welcomed the new harbour.\n")
    folder = make_series({"2020-01-01": text})
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    env["STMTDIFF_CACHE_DIR"] = str(tmp_path / "cache")
    probe = ("import sys; from stmtdiff.cli import main\n"
             "sys.argv[0] = 'stmtdiff'\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print('RICH' if 'rich' in sys.modules else 'NO-RICH', file=sys.stderr)\n")
    args = ["first-mention", "harbour", "--corpus", str(folder), "--model", "blank"]
    for i, extra in enumerate(([], [], ["--json"])):  # the first run builds the index
        run = subprocess.run([sys.executable, "-c", probe, *args, *extra], env=env,
                             capture_output=True, text=True, check=True)
        assert run.stderr.strip().endswith("NO-RICH") or i == 0
        if not extra:
            assert run.stdout.splitlines()[1] == (
                "  clause 0: " + text.strip().replace("harbour", "\u00abharbour\u00bb"))
    timeline = subprocess.run([sys.executable, "-c", probe, "timeline", *args[1:]], env=env,
                              capture_output=True, text=True, check=True)
    assert timeline.stderr.strip().endswith("NO-RICH")
    assert timeline.stdout == "statement   harbour\n2020-01-01  1 " + "\u2588" * 20 + "\n"


def test_timeline_per_1000_words_in_text_csv_and_json(invoke, make_series) -> None:
    # 4 words with one "trade" (250 per 1,000); 20 words with two (100 per 1,000)
    folder = make_series({
        "2019-01-01": "Trade grew this year.",
        "2020-01-01": "Trade and energy were discussed at length by the ministers, who "
                      "agreed that trade would grow in the coming years.",
    })
    base = ["timeline", "trade", "--corpus", str(folder), "--model", "blank"]
    code, out, _ = invoke(*base, "--per", "1000", "--csv")
    assert (code, out) == (0, "statement,date,words,trade\n2019-01-01,2019-01-01,4,250.0\n"
                              "2020-01-01,2020-01-01,20,100.0\n")
    doc = json.loads(invoke(*base, "--per", "1000", "--json")[1])
    jsonschema.validate(doc, load_schema("timeline"))
    assert doc["per"] == 1000
    assert [(s["words"], s["counts"], s["rates"]) for s in doc["statements"]] == [
        (4, [1], [250.0]), (20, [2], [100.0])]
    plain = json.loads(invoke(*base, "--json")[1])
    jsonschema.validate(plain, load_schema("timeline"))
    assert plain["per"] is None and "rates" not in plain["statements"][0]
    assert invoke(*base, "--per", "1000")[1] == (
        "statement   trade\n"
        "2019-01-01  250.00 " + "\u2588" * 20 + "\n"
        "2020-01-01  100.00 " + "\u2588" * 8 + "\n")
    code, _, err = invoke(*base, "--per", "0")
    assert code == 2 and "--per" in err


def test_timeline_html_uses_the_same_word_counts(invoke, make_series, tmp_path: Path) -> None:
    folder = make_series({"2019-01-01": "Trade grew this year.", "2020-01-01": "Trade fell."})
    target = tmp_path / "t.html"
    base = ["timeline", "trade", "--corpus", str(folder), "--model", "blank"]
    assert invoke(*base, "--per", "100", "-o", str(target))[0] == 0
    page = target.read_text(encoding="utf-8")
    assert "trade, 2019-01-01: 25.00 per 100 words (1 matches)" in page
    doc = json.loads(invoke(*base, "--per", "100", "--json")[1])
    assert [s["rates"] for s in doc["statements"]] == [[25.0], [50.0]]
