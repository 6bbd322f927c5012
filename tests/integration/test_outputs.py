"""compare, first-mention, timeline and novel give the recorded outputs on ../shared/corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .outputs import GOLDEN, digests

pytestmark = pytest.mark.integration


def test_outputs_are_the_recorded_ones(corpora: Path, shared_cache: Path) -> None:
    recorded = json.loads(GOLDEN.read_text(encoding="utf-8"))
    found = digests(corpora, shared_cache)
    changed = sorted(k for k in recorded if found.get(k) != recorded[k])
    assert not changed, f"outputs differ from the recording: {changed}"
    assert set(found) == set(recorded)
