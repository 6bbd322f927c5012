"""Naming the pipeline without importing spaCy."""

from __future__ import annotations

import importlib.metadata

from stmtdiff.segment.pipeline import BLANK, choose_pipeline


def test_blank_pipeline_has_spacys_installed_version() -> None:
    assert choose_pipeline(BLANK).version == importlib.metadata.version("spacy")
