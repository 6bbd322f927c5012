"""compare.novelty: new language as whole units, and their ranking, on texts written for the
tests (the fake segmenter: no tagger; names and chunks given as phrases)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from fakeseg import fake_segmented
from stmtdiff.compare.countries import COUNTRY_NAMES
from stmtdiff.compare.novelty import READ_ON_SCORE, folded_words, text_index
from stmtdiff.compare.phrases import new_in_series
from stmtdiff.model import Segmented

RARE = {"quantum", "hypersonic", "sonar", "buoy", "drydock"}
UNSEEN = {"committo", "9thasean", "zorbax"}
"""Words general English lacks (glued words)."""


def rarity(seg: Segmented) -> dict[str, float]:
    """Zipf frequencies without wordfreq: the words of RARE are rare, the others common."""
    return {w: 0.0 if w in UNSEEN else 2.0 if w in RARE else 5.0
            for c in seg.clauses for t in c.tokens
            for w in (t.norm, seg.text[t.start:t.end].lower())}


def names(text: str, *found: str, label: str = "PROPN") -> tuple[tuple[int, int, str], ...]:
    """Phrases at the first occurrence of each string."""
    return tuple((text.index(f), text.index(f) + len(f), label) for f in found)


def first(target: Segmented, *earlier: Segmented) -> list[str]:
    """The text of the target's first-in-series units, in text order (not the formulas a
    short statement is read on for, which score READ_ON_SCORE or less)."""
    return [target.text[p.span.start:p.span.end] for p in new_in_series(
        target, list(earlier), rarity_of=rarity)
        if p.first_in_series and p.score > READ_ON_SCORE]


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


def scores(target: Segmented, *earlier: Segmented) -> dict[str, float]:
    """The score of each first-in-series unit of the target, by its text."""
    return {target.text[p.span.start:p.span.end]: p.score for p in new_in_series(
        target, list(earlier), rarity_of=rarity) if p.first_in_series}


def tagged(seg: Segmented, tags: dict[str, str]) -> Segmented:
    """The statement with parts of speech: tags by lowercase word, VERB for the others."""
    return replace(seg, clauses=tuple(replace(c, tokens=tuple(
        replace(t, pos=tags.get(seg.text[t.start:t.end].lower(), "VERB")) for t in c.tokens))
        for c in seg.clauses))


def test_a_glued_word_is_read_as_the_familiar_words_it_joins() -> None:
    old_text = "We commit to peace at the 9th ASEAN Summit."
    new_text = "WE COMMITTO peace at the 9thASEAN Summit with zorbax."
    old = fake_segmented("2020-01-01", old_text)
    new = fake_segmented("2021-01-01", new_text)
    assert first(new, old) == ["zorbax"]  # rare words both, but "COMMITTO" is "COMMIT TO"


def test_a_surname_ranks_below_the_full_name() -> None:
    old_text = "The leaders honour and mourn."
    new_text = "The leaders honour Alexei Navalny. We mourn Navalny."
    old = fake_segmented("2020-01-01", old_text)
    surname = (new_text.rindex("Navalny"), new_text.rindex("Navalny") + 7, "PROPN")
    new = tagged(fake_segmented("2021-01-01", new_text,
                                (*names(new_text, "Alexei Navalny"), surname)),
                 {"alexei": "PROPN", "navalny": "PROPN"})
    found = scores(new, old)
    assert found["Navalny"] < 2.0 < found["Alexei Navalny"]


def test_a_unit_around_a_better_unit_and_familiar_words_ranks_below_it() -> None:
    old_text = "The partners want additional engagement."
    new_text = "AUKUS Pillar Two grows. We want additional AUKUS Pillar Two engagement."
    old = fake_segmented("2020-01-01", old_text)
    chunk = (new_text.index("additional"), new_text.index(" engagement.") + 11, "NP")
    new = tagged(fake_segmented("2021-01-01", new_text,
                                (*names(new_text, "AUKUS Pillar Two"), chunk)), {
        "aukus": "PROPN", "pillar": "PROPN", "two": "PROPN", "additional": "ADJ",
        "engagement": "NOUN"})
    found = scores(new, old)
    assert found["additional AUKUS Pillar Two engagement"] < 2.0 < found["AUKUS Pillar Two"]


def test_familiar_names_recombined_rank_below_a_new_name() -> None:
    old_text = "The U.S. Navy sailed. SSNs dived."
    new_text = "U.S. SSNs will visit HMAS Stirling."
    old = fake_segmented("2020-01-01", old_text, names(old_text, "U.S. Navy", "SSNs"))
    new = tagged(fake_segmented("2021-01-01", new_text, names(new_text, "U.S. SSNs",
                                                              "HMAS Stirling")),
                 dict.fromkeys(("u", "s", "ssns", "hmas", "stirling"), "PROPN"))
    found = scores(new, old)
    assert found["U.S. SSNs"] < found["HMAS Stirling"] - 1.0


def test_a_familiar_phrase_with_a_new_modifier_ranks_below_a_new_phrase() -> None:
    old_text = "We give financial support."
    new_text = "We give domestic shipyards the crucial financial support."
    old = fake_segmented("2020-01-01", old_text)
    new = tagged(fake_segmented("2021-01-01", new_text, names(
        new_text, "crucial financial support", "domestic shipyards", label="NP")), {
        "crucial": "ADJ", "financial": "ADJ", "domestic": "ADJ", "support": "NOUN",
        "shipyards": "NOUN"})
    found = scores(new, old)
    assert found["crucial financial support"] < found["domestic shipyards"]


def test_a_single_common_new_word_grows_into_its_formula() -> None:
    old_text = "Rates stay in the lower range."
    new_text = "Rates stay at the effective lower bound."
    old = fake_segmented("2020-01-01", old_text)
    tags = {"effective": "ADJ", "lower": "ADJ", "bound": "NOUN", "rates": "NOUN"}
    new = tagged(fake_segmented("2021-01-01", new_text), tags)
    assert first(new, old) == ["effective lower bound"]  # not nothing: each word is common


def test_a_rare_new_noun_comes_with_its_complement_after_of() -> None:
    old_text = "We value growth."
    new_text = "We see a zorbax of growth."
    old = fake_segmented("2020-01-01", old_text)
    new = tagged(fake_segmented("2021-01-01", new_text, names(new_text, "growth", label="NP")),
                 {"zorbax": "NOUN", "growth": "NOUN"})
    assert first(new, old) == ["zorbax of growth"]


def test_a_country_new_to_the_series_ranks_above_a_longer_name() -> None:
    old_text = "The partners met in China."
    new_text = ("The partners met the Zorland Tarn Group, Norway, the Kingdom of Cambodia and "
                "the Republic of China.")
    old = fake_segmented("2020-01-01", old_text, names(old_text, "China"))
    new = tagged(fake_segmented("2021-01-01", new_text, names(
        new_text, "Zorland Tarn Group", "Norway", "Kingdom of Cambodia", "Republic of China")),
        dict.fromkeys(("zorland", "tarn", "group", "norway", "kingdom", "cambodia", "republic",
                       "china"), "PROPN"))
    found = scores(new, old)
    assert found["Norway"] > found["Zorland Tarn Group"]
    assert found["Kingdom of Cambodia"] > found["Zorland Tarn Group"]
    # China is familiar: its formal name is no new state
    assert found["Republic of China"] < found["Kingdom of Cambodia"] - 0.5


def test_the_country_names_are_cldrs() -> None:
    babel = pytest.importorskip("babel")
    territories = babel.Locale("en").territories
    cldr = {re.sub(r"\s*\(.*\)", "", name).replace("&", "and")
            for code, name in territories.items()
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES}
    if babel.__version__.startswith("2.19."):  # the list was taken from it
        assert cldr == COUNTRY_NAMES
    else:  # a later CLDR renames a few (a failure here: time to take the list again)
        assert len(cldr ^ COUNTRY_NAMES) <= 8, sorted(cldr ^ COUNTRY_NAMES)


_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})
"""CLDR's two-letter regions that are no country or territory (unions, pseudo-regions)."""


def test_a_person_with_the_title_of_an_office_ranks_below_a_new_body() -> None:
    old_text = "The partners met."
    new_text = "President Zorax Quill met the Tarn Vell Group."
    old = fake_segmented("2020-01-01", old_text)
    new = tagged(fake_segmented("2021-01-01", new_text, names(
        new_text, "President Zorax Quill", "Tarn Vell Group")),
        dict.fromkeys(("president", "zorax", "quill", "tarn", "vell", "group"), "PROPN"))
    found = scores(new, old)
    assert found["President Zorax Quill"] < found["Tarn Vell Group"] - 1.0


def test_a_class_named_in_familiar_words_ranks_below_a_new_name() -> None:
    old_text = "Development banks and finance institutions met."
    new_text = "Development Finance Institutions met the Zorax Fund."
    old = fake_segmented("2020-01-01", old_text)
    new = tagged(fake_segmented("2021-01-01", new_text, names(
        new_text, "Development Finance Institutions", "Zorax Fund")),
        dict.fromkeys(("development", "finance", "institutions", "zorax", "fund"), "PROPN"))
    found = scores(new, old)
    assert found["Development Finance Institutions"] < found["Zorax Fund"] - 1.0


def test_a_name_goes_on_over_for_and_a_capitalised_gerund() -> None:
    old_text = "The partners met."
    new_text = "The partners joined the Quill Network for Combatting Zorax Fishing."
    old = fake_segmented("2020-01-01", old_text)
    new = fake_segmented("2021-01-01", new_text, names(new_text, "Quill Network",
                                                       "Zorax Fishing"))
    assert "Quill Network for Combatting Zorax Fishing" in first(new, old)


def test_a_familiar_amount_in_a_new_frame_is_a_unit() -> None:
    old_text = "Prices rose. Prices rose above the mark. The goal is 2 percent."
    new_text = "Prices run moderately above 2 percent. Prices have risen to 2 percent."
    old = fake_segmented("2020-01-01", old_text)
    tags = {"prices": "NOUN", "moderately": "ADV", "above": "ADP", "2": "NUM",
            "percent": "NOUN", "have": "AUX", "to": "ADP"}
    new = tagged(fake_segmented("2021-01-01", new_text), tags)
    # the frame, not its common words alone; after an auxiliary a development is reported
    assert first(new, old) == ["run moderately above 2 percent"]


def test_a_new_common_noun_takes_the_noun_before_of_or_and() -> None:
    old_text = "We watch the size of the sheet and the range of rates."
    new_text = "We watch the size and composition of the sheet and the range of tools."
    old = fake_segmented("2020-01-01", old_text)
    new = tagged(fake_segmented("2021-01-01", new_text),
                 {"size": "NOUN", "composition": "NOUN", "sheet": "NOUN", "range": "NOUN",
                  "tool": "NOUN", "tools": "NOUN"})
    assert first(new, old) == ["size and composition", "range of tools"]


def test_a_name_takes_its_short_form_in_brackets_after_lowercase_words() -> None:
    old_text = "We support peace."
    new_text = "We support the Regional Centre for Relief Aid on disaster work (RRA Centre)."
    old = fake_segmented("2020-01-01", old_text)
    new = fake_segmented("2021-01-01", new_text,
                         names(new_text, "Regional Centre for Relief Aid", "RRA Centre"))
    assert first(new, old) == ["Regional Centre for Relief Aid on disaster work (RRA Centre)"]


def test_a_voter_named_with_a_middle_initial_ranks_below_a_new_chunk() -> None:
    old_text = "The board voted."
    new_text = "The board set a zorbax target. Voting were Jane Q. Public and John R. Doe."
    old = fake_segmented("2020-01-01", old_text)
    new = tagged(fake_segmented("2021-01-01", new_text,
                                (*names(new_text, "Jane Q. Public", "John R. Doe"),
                                 *names(new_text, "zorbax target", label="NP"))),
                 {"zorbax": "ADJ", "target": "NOUN"})
    ranked = sorted(new_in_series(new, [old], rarity_of=rarity), key=lambda p: -p.score)
    assert new.text[ranked[0].span.start:ranked[0].span.end] == "zorbax target"


def test_a_plural_in_ies_is_the_same_phrase_as_its_singular() -> None:
    old_text = "The bank holds agency securities."
    new_text = "The bank holds the agency security."
    old = fake_segmented("2020-01-01", old_text, names(old_text, "agency securities", label="NP"))
    new = fake_segmented("2021-01-01", new_text, names(new_text, "agency security", label="NP"))
    assert first(new, old) == []


def test_a_short_statement_is_read_on_for_formulas_of_familiar_words() -> None:
    old_text = "The leaders stand with the plan. The partners welcome the release of prisoners."
    new_text = "The leaders will stand behind the plan and the release of all prisoners."
    old = fake_segmented("2020-01-01", old_text)
    tags = {"the": "DET", "all": "DET", "leaders": "NOUN", "plan": "NOUN", "release": "NOUN",
            "prisoners": "NOUN", "will": "AUX", "behind": "ADP", "of": "ADP", "and": "CCONJ"}
    new = tagged(fake_segmented("2021-01-01", new_text), tags)
    found = [(new.text[p.span.start:p.span.end], p.score)
             for p in new_in_series(new, [old], rarity_of=rarity) if p.first_in_series]
    # no word is new: only the formulas read on are, after every unit (none here), in order
    assert [t for t, _ in found] == ["will stand behind", "release of all prisoners"]
    assert all(s <= 0.0 for _, s in found) and found[0][1] > found[1][1]


def test_a_new_name_comes_with_the_noun_it_completes() -> None:
    old_text = "Prices rose after the storm."
    new_text = "Prices rose after the invasion of Freedonia by Ruritania."
    old = fake_segmented("2020-01-01", old_text)
    new = tagged(fake_segmented("2021-01-01", new_text,
                                names(new_text, "Freedonia", "Ruritania")),
                 {"the": "DET", "invasion": "NOUN", "of": "ADP", "by": "ADP",
                  "freedonia": "PROPN", "ruritania": "PROPN", "prices": "NOUN", "after": "ADP"})
    assert first(new, old) == ["invasion of Freedonia by Ruritania"]  # not the two names


def test_a_formula_read_on_that_joins_two_units_is_one_unit() -> None:
    old_text = "The leaders welcome the plan. They met the President."
    new_text = "The leaders welcome the hypersonic plan outlined by President Quux."
    old = fake_segmented("2020-01-01", old_text)
    new = tagged(fake_segmented("2021-01-01", new_text,
                                names(new_text, "President Quux")),
                 {"the": "DET", "leaders": "NOUN", "hypersonic": "ADJ", "plan": "NOUN",
                  "by": "ADP", "president": "PROPN", "quux": "PROPN"})
    found = sorted(new_in_series(new, [old], rarity_of=rarity), key=lambda p: -p.score)
    assert new.text[found[0].span.start:found[0].span.end] == \
        "hypersonic plan outlined by President Quux"  # over "hypersonic plan", "President Quux"
