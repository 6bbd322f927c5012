"""Bad corpus input, hangs and terminal escapes (issue 11, Medium 7, 8 and 13).

Each case gives one `error:` line and exit 2, never a traceback; a bad statement file is named
and the other statements stay usable: `list` lists them and exits 2, the other commands note
the file on stderr and go on.
"""

from __future__ import annotations

import os
import pwd
import subprocess
import sys
from pathlib import Path

import pytest

import cli_helpers
from cli_helpers import run
from stmtdiff.corpus.series import load_series
from stmtdiff.corpus.textfile import read_text_file
from stmtdiff.errors import InputError

BODY = "The two ministers met in the capital and reviewed their common work.\n"


def md(folder: Path, name: str, front: str, body: str = BODY) -> Path:
    return cli_helpers.md(folder, name, front, body)


@pytest.fixture
def series(tmp_path: Path) -> Path:
    """A Markdown series of two good statements."""
    folder = tmp_path / "corpus" / "demo"
    folder.mkdir(parents=True)
    for sid in ("2020-01-01", "2021-01-01"):
        md(folder, f"{sid}.md", f"id: {sid}\ndate: {sid}\ntitle: Statement {sid}")
    return folder




def assert_listed_with_error(folder: Path, *fragments: str) -> None:
    """list shows the good statements and names the bad file in one error line, exit 2."""
    code, out, err = run("list", "--corpus", str(folder))
    assert code == 2, (out, err)
    assert "2020-01-01" in out and "2021-01-01" in out
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    for fragment in fragments:  # "a|b": either (the message may depend on the PyYAML release)
        assert any(part in lines[0] for part in fragment.split("|")), lines[0]


# -- Medium 7: tracebacks on bad corpus input -------------------------------------------------

@pytest.mark.parametrize(("front", "fragment"), [
    ("id: 2021-02-28\ndate: 2021-02-30\ntitle: x", "day is out of range"),
    ("id: 2021-02-28\ndate: 2021-02-28\ntitle: " + "[" * 3000 + "]" * 3000,
     # PyYAML 6.0.4 refuses the depth itself; 6.0.3 reads it, and the list is no title
     "title must be text|maximum nesting depth"),
    ("id: 2021-02-28\ndate: 2021-02-28\ntitle: {a: 1}", "title must be text"),
    ("id: 2021-02-28\ndate: 2021-02-28\ntitle: x\nsource: [1, 2]", "source must be text"),
], ids=["bad-date", "deep-title", "mapping-title", "list-source"])
def test_bad_front_matter_values(series: Path, front: str, fragment: str) -> None:
    md(series, "2021-02-28.md", front)
    assert_listed_with_error(series, "2021-02-28.md", fragment)


def test_deep_toml(series: Path) -> None:
    (series / "2021-02-28.toml").write_text(
        'id = "2021-02-28"\ndate = "2021-02-28"\ntitle = "x"\nz = ' + "[" * 5000 + "]" * 5000)
    assert_listed_with_error(series, "2021-02-28.toml", "nested too deeply")


def test_deep_yaml_front_matter(series: Path) -> None:
    md(series, "2021-02-28.md", "id: 2021-02-28\ndate: 2021-02-28\nz: " + "[" * 5000 + "]" * 5000)
    code, out, err = run("list", "--corpus", str(series))
    assert code in (0, 2) and "Traceback" not in err, err  # libyaml may read it: no use of z
    assert "2020-01-01" in out


def test_symlink_loop(series: Path) -> None:
    (series / "loop.md").symlink_to("loop.md")
    assert_listed_with_error(series, "loop.md", "cannot read")


def test_bad_file_does_not_sink_the_other_commands(series: Path) -> None:
    md(series, "2021-02-28.md", "id: 2021-02-28\ndate: 2021-02-30\ntitle: x")
    code, out, err = run("show", "2020", "--corpus", str(series), "--model", "blank")
    assert code == 0, err
    assert err.count("note: skipped") == 1 and "2021-02-28.md" in err
    assert "ministers" in out


def test_every_file_bad_is_an_error(tmp_path: Path) -> None:
    md(tmp_path, "a.md", "id: 2021-02-28\ndate: 2021-02-30\ntitle: x")
    with pytest.raises(InputError, match="day is out of range"):
        load_series(tmp_path)


def test_non_utf8_file_name(series: Path) -> None:
    name = os.fsdecode(b"2022-01-01\xff.md")
    md(series, name, "id: 2022-01-01\ndate: 2022-01-01\ntitle: y")
    code, out, err = run("list", "--corpus", str(series), "--json")
    assert code == 0, err
    assert '"2022-01-01"' in out
    code, out, err = run("show", "2022", "--corpus", str(series), "--no-fetch", "--model",
                         "blank")
    assert code == 0, err
    for command in ("first-mention", "timeline"):  # the caches store the name as bytes
        code, out, err = run(command, "ministers", "--corpus", str(series), "--model", "blank",
                             "--json")
        assert code == 0, err
        assert '"2022-01-01"' in out


def test_unreadable_folder(series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Listing the folder fails as it does for another user (the tests run as root, who may
    read anything): both ways of listing it, Path.iterdir and os.scandir, refuse."""
    real, real_scandir = Path.iterdir, os.scandir

    def iterdir(self: Path):  # type: ignore[no-untyped-def]
        if self == series:
            raise PermissionError(13, "Permission denied")
        return real(self)

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path) == series:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    monkeypatch.setattr(os, "scandir", scandir)
    code, _out, err = run("list", "--corpus", str(series))
    assert code == 2 and err.startswith("error: ") and "Permission denied" in err, err
    assert len(err.strip().splitlines()) == 1
    code, _out, err = run("list", "--corpus", str(series.parent))  # a root holding it: skipped
    assert code == 2 and err.startswith("error: ") and "no statements" in err, err


def test_corpus_under_a_folder_that_may_not_be_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def is_dir(self: Path) -> bool:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "is_dir", is_dir)
    code, _out, err = run("list", "--corpus", "/root/corpus")
    assert code == 2 and err.startswith("error: ") and "Permission denied" in err, err


def _others_may_run_python() -> bool:
    return all(p.stat().st_mode & 0o001 for p in Path(sys.executable).resolve().parents)


@pytest.mark.skipif(os.geteuid() != 0 or not _others_may_run_python(),
                    reason="needs root, and a Python that another user may run")
@pytest.mark.parametrize("corpus", ["/", "/root", "/root/nowhere"])
def test_unreadable_corpus_as_another_user(corpus: str) -> None:
    """As a user who may not read /root (the audit's PermissionError tracebacks)."""
    nobody = pwd.getpwnam("nobody")
    env = {**os.environ, "STMTDIFF_CACHE_DIR": "/tmp/stmtdiff-nobody-cache",
           "STMTDIFF_DATA_DIR": "/tmp/stmtdiff-nobody-data", "HOME": "/tmp"}
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")

    def demote() -> None:
        os.setgid(nobody.pw_gid)
        os.setuid(nobody.pw_uid)

    done = subprocess.run([sys.executable, "-m", "stmtdiff", "--no-pager", "--corpus", corpus,
                           "list"], env=env, cwd="/tmp", capture_output=True, text=True,
                          preexec_fn=demote, timeout=120, check=False)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("model", "fragment"), [
    ("x" * 5000, "is not installed"),
    ("..", "is not installed"),
    ("os.path", "is not installed"),
], ids=["long", "dotdot", "dotted"])
def test_bad_model_names(series: Path, model: str, fragment: str) -> None:
    code, _out, err = run("show", "2020", "--corpus", str(series), "--model", model)
    assert code == 2 and err.startswith("error: ") and fragment in err, err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(("meta", "fragment"), [
    ("{bad", "meta.json"),
    ("[1]", "not a JSON object"),
    ('{"version": "1"}', "cannot load spaCy pipeline"),
], ids=["not-json", "not-object", "no-lang"])
def test_model_folder_with_invalid_meta(series: Path, tmp_path: Path, meta: str,
                                        fragment: str) -> None:
    folder = tmp_path / "pipeline"
    folder.mkdir()
    (folder / "meta.json").write_text(meta)
    code, _out, err = run("show", "2020", "--corpus", str(series), "--model", str(folder))
    assert code == 2 and err.startswith("error: ") and fragment in err, err
    assert len(err.strip().splitlines()) == 1


def test_paragraph_over_spacy_max_length() -> None:
    """E088: spaCy refuses a text over nlp.max_length; blocks are cut below it."""
    from stmtdiff.segment.parse import MAX_BLOCK_CHARS, Segmenter
    from stmtdiff.segment.pipeline import choose_pipeline

    segmenter = Segmenter(choose_pipeline("blank"))
    segmenter.nlp.max_length = MAX_BLOCK_CHARS * 2
    sentence = "The ministers reviewed the work of the alliance in detail. "
    text = sentence * (MAX_BLOCK_CHARS * 3 // len(sentence))
    clauses, _ = segmenter.segment(text)
    assert clauses and clauses[-1].end == len(text.rstrip())
    assert all(c.end - c.start <= MAX_BLOCK_CHARS for c in clauses)


# -- Medium 8: hangs and memory ---------------------------------------------------------------

def test_fifo_named_md_is_refused_without_blocking(series: Path) -> None:
    os.mkfifo(series / "2022-01-01.md")
    assert_listed_with_error(series, "2022-01-01.md", "not a regular file")


def test_link_to_dev_zero_is_refused(series: Path) -> None:
    (series / "2022-01-01.md").symlink_to("/dev/zero")
    assert_listed_with_error(series, "2022-01-01.md", "not a regular file")
    with pytest.raises(InputError, match="not a regular file"):
        read_text_file(series / "2022-01-01.md")


def test_fifo_named_toml(series: Path) -> None:
    os.mkfifo(series / "2022-01-01.toml")
    assert_listed_with_error(series, "2022-01-01.toml", "not a regular file")


def test_billion_laughs_title(series: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]"
              for i in range(1, 10)]
    md(series, "2022-01-01.md", "id: 2022-01-01\ndate: 2022-01-01\n" + "\n".join(lines)
       + "\ntitle: *j")
    assert_listed_with_error(series, "2022-01-01.md", "anchors or aliases")


def test_ampersand_in_a_quoted_title_is_fine(series: Path) -> None:
    md(series, "2022-01-01.md", 'id: 2022-01-01\ndate: 2022-01-01\ntitle: "Trade & *growth*"')
    code, out, err = run("list", "--corpus", str(series), "--json")
    assert code == 0, err
    assert "Trade & *growth*" in out


def test_oversized_front_matter(series: Path) -> None:
    md(series, "2022-01-01.md", "id: 2022-01-01\ndate: 2022-01-01\ntitle: " + "x" * 70_000)
    assert_listed_with_error(series, "2022-01-01.md", "front matter is")


@pytest.mark.parametrize("run_of", [";", "; ", "#", "# "])
def test_runs_of_punctuation_are_cut_before_spacy(run_of: str) -> None:
    """20,000 ';' or '#' in one line took 40-60 s in the tokenizer: the pipeline is handed at
    most MAX_PUNCT_RUN of them, and the clauses keep their offsets into the text."""
    from stmtdiff.segment.parse import MAX_BLOCK_CHARS, MAX_PUNCT_RUN, Segmenter
    from stmtdiff.segment.pipeline import choose_pipeline

    segmenter = Segmenter(choose_pipeline("blank"))
    seen: list[str] = []
    pipe = segmenter.nlp.pipe

    def spy(texts, *args, **kwargs):  # type: ignore[no-untyped-def]
        texts = list(texts)
        seen.extend(texts)
        return pipe(texts, *args, **kwargs)

    segmenter.nlp.pipe = spy
    text = "The ministers reviewed the work of the alliance. " + run_of * 20_000
    clauses, _ = segmenter.segment(text)
    assert max(t.count(run_of.strip()) for t in seen) == MAX_PUNCT_RUN
    assert all(len(t) <= MAX_BLOCK_CHARS for t in seen)
    assert clauses[0].start == 0 and text[clauses[0].start:clauses[0].end].startswith("The")


def test_catastrophic_regex_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    """--regex '(a|aa)+$' backtracks for minutes on a long run of a's: it is stopped with an
    error after REGEX_SECONDS."""
    from stmtdiff.history import search

    monkeypatch.setattr(search, "REGEX_SECONDS", 0.2)

    class Texts:
        def text(self, doc: int) -> str:
            return "a" * 200 + "!"

    term = search.parse_term("(a|aa)+$", "regex")
    with pytest.raises(InputError, match="takes too long"):
        search.find([term], [1, 2], Texts())  # type: ignore[arg-type]
