"""A small series whose newest statement is hostile to an HTML page: markup, a closing </del>,
scripts, quotes, bidi overrides and a control character, in its text and its metadata. The
texts are made up; between 2020 and 2021 a clause moves, one splits, some are edited, one is
added."""

from __future__ import annotations

import json
from pathlib import Path

EARLIEST = """Joint Statement of the Partners

The partners met and discussed open markets.
They agreed to meet again next year in the capital.
"""

OLD = """Joint Statement of the Partners

The partners met in the capital and reviewed their common agenda for the coming year.
They reaffirmed their commitment to open markets and fair trade.
The ministers noted the storm season and agreed to strengthen cooperation on disaster relief, \
and they will hold a joint exercise in the spring.
Officials will report on the "harbour" project by <June>.

Energy
The partners will expand investment in clean energy technology.
They welcomed the work of the expert group on grid security.
The partners adopted a plan for ports and harbours that both governments will fund jointly \
over the next five years.
"""

NEW = """Joint Statement of the Partners

They welcomed the work of the expert group on grid security.
The partners met in the capital and reviewed their common agenda for the coming year.
They reaffirmed their strong commitment to open markets and fair trade \
</del><script>window.__pwned = 2</script>.
The ministers noted the storm season and agreed to strengthen cooperation on disaster relief.
They will hold a joint exercise in the spring.
Officials will report on the 'harbour' project by <June> \u202egnirps\u202c and \x07 bell.

Energy
The partners will expand investment in clean energy technology.
The partners adopted a plan for ports and harbours.
Both governments will fund it jointly over the next five years.
They launched a new dialogue on geothermal power with "quoted" & <b>bold</b> words.
"""

HOSTILE_TITLE = 'New <script>window.__pwned = 1</script> "statement" & co'
HOSTILE_URL = 'https://example.org/s?q="><script>window.__pwned=3</script>'
SHA = "ab" * 32


def write_series(root: Path) -> Path:
    """The series folder, with a provenance record for the newest statement."""
    folder = root / "demo"
    folder.mkdir(parents=True)
    (folder / "series.toml").write_text('name = "demo"\ntitle = "Demo <series> & \\"co\\""\n')
    metas = {
        "2019-01-01": 'title = "Earliest"\n',
        "2020-01-01": 'title = "Old <b>statement</b> \\"quoted\\""\nplace = "Capital & <Town>"\n',
        "2021-01-01": (f"title = {json.dumps(HOSTILE_TITLE)}\nplace = \"Nowhere\"\n\n"
                       f"[[sources]]\nurl = '{HOSTILE_URL}'\n"),
    }
    for (sid, meta), text in zip(metas.items(), (EARLIEST, OLD, NEW), strict=True):
        (folder / f"{sid}.toml").write_text(f'id = "{sid}"\ndate = "{sid}"\n{meta}',
                                            encoding="utf-8")
        (folder / f"{sid}.txt").write_text(text, encoding="utf-8")
    record = {"schema": "stmtdiff.provenance/1", "url": HOSTILE_URL, "text_sha256": SHA,
              "retrieved_at": "2021-01-02T03:04:05Z"}
    (folder / "2021-01-01.provenance.json").write_text(json.dumps(record), encoding="utf-8")
    return folder
