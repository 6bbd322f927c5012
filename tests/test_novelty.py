"""compare.novelty: new language as whole units, and their ranking, on texts written for the
tests (the fake segmenter: no tagger; names and chunks given as phrases)."""

from __future__ import annotations

from fakeseg import fake_segmented
from stmtdiff.compare.novelty import folded_words, text_index
from stmtdiff.compare.phrases import new_in_series
from stmtdiff.model import Segmented

RARE = {"quantum", "hypersonic", "sonar", "buoy", "drydock"}


def rarity(seg: Segmented) -> dict[str, float]:
    """Zipf frequencies without wordfreq: the words of RARE are rare, the others common."""
    return {w: 2.0 if w in RARE else 5.0 for c in seg.clauses for t in c.tokens
            for w in (t.norm, seg.text[t.start:t.end].lower())}


def names(text: str, *found: str, label: str = "PROPN") -> tuple[tuple[int, int, str], ...]:
    """Phrases at the first occurrence of each string."""
    return tuple((text.index(f), text.index(f) + len(f), label) for f in found)


def first(target: Segmented, *earlier: Segmented) -> list[str]:
    """The text of the target's first-in-series units, in text order."""
    return [target.text[p.span.start:p.span.end] for p in new_in_series(
        target, list(earlier), rarity_of=rarity) if p.first_in_series]


def test_a_fragment_grows_into_the_whole_name() -> None:
    old_text = "The partners sent a Ship Observer to the Red Cross."
    new_text = "The partners launched the Quad Sea Ship Observer Mission in the Red Sea."
    old = fake_segmented("2020-01-01", old_text, names(old_text, "Ship Observer", "Red Cross"))
    new = fake_segmented("2021-01-01", new_text,
                         names(new_text, "Quad Sea Ship Observer Mission", "Red Sea"))
    assert first(new, old) == ["Quad Sea Ship Observer Mission", "Red Sea"]


def test_no_mark_inside_a_familiar_name() -> None:
    old_text = "Leaders of the United States met."
    new_text = "Leaders of the United States\u2019 allies met."
    old = fake_segmented("2020-01-01", old_text, names(old_text, "United States"))
    new = fake_segmented("2021-01-01", new_text, names(new_text, "United States"))
    assert "States" not in " ".join(first(new, old))


def test_an_acronym_comes_with_the_words_it_abbreviates() -> None:
    old_text = "The partners met."
    new_text = ("The partners reformed the International Traffic in Arms Regulations (ITAR) "
                "and welcomed the Plan of Action (POA).")
    old = fake_segmented("2020-01-01", old_text)
    new = fake_segmented("2021-01-01", new_text, names(
        new_text, "International Traffic", "Arms Regulations", "ITAR", "Plan", "Action", "POA"))
    found = first(new, old)
    assert "International Traffic in Arms Regulations (ITAR)" in found
    assert "Plan of Action (POA)" in found


def test_a_name_of_familiar_parts_joined_by_of_is_new() -> None:
    old_text = "We thank the Council. Europe is here."
    new_text = "We thank the Council of Europe."
    old = fake_segmented("2020-01-01", old_text, names(old_text, "Council", "Europe"))
    new = fake_segmented("2021-01-01", new_text, names(new_text, "Council", "Europe"))
    assert first(new, old) == ["Council of Europe"]


def test_an_amount_keeps_its_currency_and_unit() -> None:
    old_text = "The partners will invest in shipyards."
    new_text = "The partners will invest £4 billion and USD 17.5 billion in shipyards."
    old = fake_segmented("2020-01-01", old_text)
    new = fake_segmented("2021-01-01", new_text)
    found = new_in_series(new, [old], rarity_of=rarity)
    shown = {new.text[p.span.start:p.span.end]: p.kind for p in found}
    assert shown == {"£4 billion": "number", "USD 17.5 billion": "number"}


def test_a_single_common_word_is_not_new_a_rare_one_is() -> None:
    old_text = "The navies will train together."
    new_text = "The navies will train together on sonar drills and process data. We process."
    old = fake_segmented("2020-01-01", old_text)
    new = fake_segmented("2021-01-01", new_text)
    assert first(new, old) == ["sonar drills", "process data"]  # not "process" alone
    assert first(fake_segmented("2021-01-01", "The navies will process data."), old) == \
        ["process data"]  # two common words together are a phrase


def test_nothing_said_before_is_new_whatever_hyphens_case_and_headings() -> None:
    old_text = "# Nationally Determined\nContributions and cutting-edge work were reviewed."
    new_text = "We reviewed nationally determined contributions and Cutting Edge work."
    old = fake_segmented("2020-01-01", old_text)
    new = fake_segmented("2021-01-01", new_text)
    assert first(new, old) == []


def test_folded_words_fold_typography_hyphens_possessives_and_lines() -> None:
    assert folded_words("Cutting\u2011edge\n\nU.S. Russia\u2019s") == \
        " cutting edge u s russia s "
    segs = [fake_segmented("2020-01-01", "A b."), fake_segmented("2020-02-01", "C-d.")]
    assert " c d " in text_index(segs) and " b c " not in text_index(segs)


def test_ranking_puts_names_and_stance_above_common_phrases() -> None:
    old_text = "The partners met. They talked."
    new_text = ("The partners met at HMAS Stirling. They strongly condemn the attacks. "
                "They reviewed a process data.")
    old = fake_segmented("2020-01-01", old_text)
    new = fake_segmented("2021-01-01", new_text, names(new_text, "HMAS Stirling"))
    found = sorted(new_in_series(new, [old], rarity_of=rarity), key=lambda p: -p.score)
    ranked = [new.text[p.span.start:p.span.end] for p in found]
    assert ranked.index("HMAS Stirling") < ranked.index("process data")
    assert ranked.index("strongly condemn") < ranked.index("process data")
    assert next(p.kind for p in found if new.text[p.span.start:p.span.end] ==
                "HMAS Stirling") == "name"


def test_returns_are_names_and_phrases_of_two_words_or_more() -> None:
    first_text = "Ministers discussed space policy and trade."
    middle_text = "Ministers discussed energy."
    new_text = "Ministers discussed space policy and trade."
    segs = [fake_segmented("2019-01-01", first_text), fake_segmented("2020-01-01", middle_text)]
    new = fake_segmented("2021-01-01", new_text)
    back = {p.span.key: p.last_seen for p in new_in_series(new, segs, against=segs[1],
                                                            rarity_of=rarity)}
    assert back == {"space policy": "2019-01-01"}  # "trade" alone is not listed
