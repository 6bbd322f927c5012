"""Words as the term index counts them (`WORD`), and the function words (`STOP_WORDS`) that
attribution leaves out of its runs: the history searches, the term index and attribution share
them, and compare needs them without the searches."""

from __future__ import annotations

import re

__all__ = ["STOP_WORDS", "WORD"]

WORD = re.compile(r"\w+")
"""A word of the term index: a run of word characters of the folded text."""

_STOP_TEXT = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each either few for from
further had has have having he her here hers herself him himself his how i if in into is it its
itself just may me might more most must my myself neither no nor not now of off on once only or
other ought our ours ourselves out over own same shall she should so some such than that the
their theirs them themselves then there these they this those through thus to too under until
up upon very was we were what when where whether which while who whom whose why will with
within without would yet you your yours yourself yourselves s t
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
"""Function words (searched like any other word; attribution leaves them out of its runs)."""
