"""align.py: clause alignment on texts written for the tests (no spaCy)."""

from __future__ import annotations

from dataclasses import replace

from fakeseg import fake_segmented
from stmtdiff.compare.align import Alignment, AlignOptions, align, plain
from stmtdiff.model import Segmented

BASE = [
    "The ministers reaffirmed the alliance as the cornerstone of regional peace.",
    "They condemned the missile launches over the northern sea.",
    "The two sides agreed to deepen cooperation on space situational awareness.",
    "They welcomed progress on relocating the air station to the southern coast.",
    "The ministers pledged support for vaccine distribution in island nations.",
    "They decided to hold the next meeting in the autumn in the capital.",
]


def seg(sid: str, sentences: list[str]) -> Segmented:
    return fake_segmented(sid, " ".join(sentences))


def ops(al: Alignment) -> list[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    return [(p.op, p.a, p.b) for p in al.pairs]


def check_partition(al: Alignment, a: Segmented, b: Segmented) -> None:
    assert sorted(i for p in al.pairs for i in p.a) == list(range(len(a.clauses)))
    assert sorted(j for p in al.pairs for j in p.b) == list(range(len(b.clauses)))


def test_identical_statements_are_all_unchanged() -> None:
    a, b = seg("2020-01-01", BASE), seg("2021-01-01", BASE)
    al = align(a, b)
    assert ops(al) == [("unchanged", (i,), (i,)) for i in range(6)]
    assert al.counts["unchanged"] == 6


def test_typography_and_wrapping_are_unchanged() -> None:
    typo = [s.replace("two sides", "two\u00a0sides").replace("missile", "\u201cmissile\u201d")
            for s in BASE]
    a = seg("2020-01-01", [s.replace("missile", '"missile"') for s in BASE])
    b = fake_segmented("2021-01-01", "\n".join(typo).replace("northern sea", "northern\nsea"))
    assert all(p.op == "unchanged" for p in align(a, b).pairs)
    assert plain("a\u2019b \u2013  c\n d") == "a'b - c d"


def test_added_removed_modified() -> None:
    edited = list(BASE)
    edited[2] = "The two sides agreed to deepen cooperation on space situational awareness " \
        "and satellite defense."
    del edited[4]
    edited.insert(1, "Both sides expressed concern about coercion against fishing fleets.")
    a, b = seg("2020-01-01", BASE), seg("2021-01-01", edited)
    al = align(a, b)
    check_partition(al, a, b)
    assert ops(al) == [("unchanged", (0,), (0,)), ("added", (), (1,)),
                       ("unchanged", (1,), (2,)), ("modified", (2,), (3,)),
                       ("unchanged", (3,), (4,)), ("removed", (4,), ()),
                       ("unchanged", (5,), (5,))]
    modified = al.pairs[3]
    assert modified.similarity is not None and 0.6 < modified.similarity < 1


def test_moved_and_moved_edited() -> None:
    moved = [BASE[4], *BASE[:4], BASE[5].replace("autumn", "spring")]
    reordered = [BASE[0], BASE[1], BASE[2], BASE[3], BASE[5], BASE[4].replace("island",
                                                                             "Pacific island")]
    a, b = seg("2020-01-01", BASE), seg("2021-01-01", reordered)
    al = align(a, b)
    check_partition(al, a, b)
    labels = {(p.a, p.b): p.op for p in al.pairs}
    assert labels[((5,), (4,))] == "unchanged"
    assert labels[((4,), (5,))] == "moved"
    a2, b2 = seg("2020-01-01", BASE), seg("2021-01-01", moved)
    al2 = align(a2, b2)
    check_partition(al2, a2, b2)
    assert {p.op for p in al2.pairs} >= {"moved", "unchanged"}


def test_split_and_merge() -> None:
    split = list(BASE)
    split[3:4] = ["They welcomed progress on relocating the air station.",
                  "The station moves to the southern coast."]
    a, b = seg("2020-01-01", BASE), seg("2021-01-01", split)
    al = align(a, b)
    check_partition(al, a, b)
    assert ("split", (3,), (3, 4)) in ops(al)
    back = align(b, a)
    assert ("merged", (3, 4), (3,)) in ops(back)


def test_unrelated_clauses_are_added_and_removed() -> None:
    a = seg("2020-01-01", BASE[:2])
    b = seg("2021-01-01", ["Rainfall totals in the valley exceeded forecasts.",
                           "Local orchards reported an early harvest."])
    al = align(a, b)
    assert sorted(p.op for p in al.pairs) == ["added", "added", "removed", "removed"]
    assert al.pairs[0].similarity is None


def test_options_are_respected() -> None:
    edited = [*BASE[:2], BASE[2].replace("deepen cooperation on", "study"), *BASE[3:]]
    a, b = seg("2020-01-01", BASE), seg("2021-01-01", edited)
    strict = align(a, b, AlignOptions(min_similarity=0.95, move_similarity=0.99,
                                      rescue_similarity=0.95, rescue_move=0.99))
    assert [p.op for p in strict.pairs].count("modified") == 0


def test_long_statements_align() -> None:
    """1,000 clauses against 1,000, a block of 20 moved (how fast: benchmarks/bench_compare.py,
    pair-20k)."""
    words = [f"term{i}" for i in range(6000)]
    sentences = [" ".join(words[k:k + 12]) + "." for k in range(0, 6000, 6)]
    edited = sentences[:500] + sentences[520:] + sentences[500:520]
    a, b = seg("2020-01-01", sentences), seg("2021-01-01", edited)
    al = align(a, b)
    check_partition(al, a, b)
    assert al.counts["moved"] + al.counts["unchanged"] == len(sentences)


def test_reworded_and_moved_pairs_by_its_content() -> None:
    old = ["We reiterate our support for open fishing grounds around the reef atolls.",
           *BASE[1:4]]
    new = [*BASE[1:4], "The two leaders reiterated that they support fishing grounds that "
           "stay open around reef atolls."]
    a, b = seg("2020-01-01", old), seg("2021-01-01", new)
    al = align(a, b)
    check_partition(al, a, b)
    assert ("moved", (0,), (3,)) in ops(al)


def test_a_clause_goes_to_its_best_partner_not_the_first() -> None:
    old = ["They voiced concern about coast guard patrols in the East China Sea near the "
           "disputed islands.", *BASE[1:4]]
    new = ["They voiced concern about land reclamation in the South China Sea.", *BASE[1:4],
           "Coast guard patrols near the disputed islands of the East China Sea drew concern."]
    a, b = seg("2020-01-01", old), seg("2021-01-01", new)
    al = align(a, b)
    check_partition(al, a, b)
    assert ("moved", (0,), (4,)) in ops(al)
    assert ("added", (), (0,)) in ops(al)


def test_a_split_whose_half_resurfaces_elsewhere() -> None:
    old = [*BASE[:3], "They welcomed progress on relocating the air station to the southern "
           "coast by the end of the decade.", *BASE[4:]]
    new = [*BASE[:3], "They welcomed progress on relocating the air station.", *BASE[4:],
           "The southern coast will host the station by the end of the decade."]
    a, b = seg("2020-01-01", old), seg("2021-01-01", new)
    al = align(a, b)
    check_partition(al, a, b)
    assert ("split", (3,), (3, 6)) in ops(al)


def one_sentence(s: Segmented, first: int, last: int) -> Segmented:
    """s with clauses first..last made one sentence (fakeseg gives each clause its own)."""
    clauses = tuple(replace(c, sentence=s.clauses[first].sentence) if first <= c.index <= last
                    else c for c in s.clauses)
    return replace(s, clauses=clauses)


def test_a_fragment_is_no_move_on_a_few_shared_words() -> None:
    old = ["Lasting calm in the strait must come through patient talks.", *BASE]
    new = [*BASE, "The envoys met in the harbor city;", "calm in the strait can come soon."]
    a = seg("2020-01-01", old)
    b = one_sentence(seg("2021-01-01", new), 6, 7)
    al = align(a, b)
    check_partition(al, a, b)
    assert ("removed", (0,), ()) in ops(al)
    assert not any(p.op == "moved" for p in al.pairs)
    whole = align(a, seg("2021-01-01", new))  # the same words as a sentence of its own: a move
    assert ("moved", (0,), (7,)) in ops(whole)


def test_a_leftover_pairs_with_the_leftover_whose_best_partner_it_is() -> None:
    old = [*BASE, "The ministers pledged support for clean water in island nations."]
    new = [*BASE, "Clean water for every island remains a goal they share."]
    a, b = seg("2020-01-01", old), seg("2021-01-01", new)
    al = align(a, b)
    check_partition(al, a, b)
    assert ("modified", (6,), (6,)) in ops(al)


def test_the_rest_of_a_reworded_sentence_joins_its_pair() -> None:
    new = [*BASE[:1], "They condemned the missile launches;", "and called such acts over the "
           "sea reckless.", *BASE[2:]]
    a = seg("2020-01-01", BASE)
    b = one_sentence(seg("2021-01-01", new), 1, 2)
    al = align(a, b)
    check_partition(al, a, b)
    assert ("split", (1,), (1, 2)) in ops(al)


def test_two_clauses_whose_boundary_moved_are_one_pair() -> None:
    old = [*BASE[:2], "The two sides agreed to deepen cooperation on space situational awareness "
           "and to open a joint tracking centre for orbital debris near the capital.",
           "It opens next year.", *BASE[4:]]
    new = [*BASE[:2], "The two sides agreed to deepen cooperation on space situational awareness.",
           "A joint tracking centre for orbital debris near the capital opens next year.",
           *BASE[4:]]
    a, b = seg("2020-01-01", old), seg("2021-01-01", new)
    al = align(a, b)
    check_partition(al, a, b)
    assert ("modified", (2, 3), (2, 3)) in ops(al)
    assert al.counts["removed"] == al.counts["added"] == 0


def test_derived_forms_of_a_word_count_as_the_word() -> None:
    old = [*BASE, "Closer integration of the coastal economies remains vital for prosperity."]
    new = [*BASE, "The sides vowed to integrate their coastal economy more closely."]
    a, b = seg("2020-01-01", old), seg("2021-01-01", new)
    al = align(a, b)
    check_partition(al, a, b)
    assert ("modified", (6,), (6,)) in ops(al)


def test_a_spelled_out_name_reads_as_its_acronym() -> None:
    spelled = [*BASE, "They praised the Northern Reef Fisheries Monitoring Agency for its survey "
               "of coral stocks."]
    short = [*BASE, "They praised the NRFMA for its survey of coral stocks."]
    new = [*BASE, "The NRFMA survey of coral stocks drew praise from the ministers."]
    b = seg("2021-01-01", new)
    pair = next(p for p in align(seg("2020-01-01", spelled), b).pairs if p.b == (6,))
    assert (pair.op, pair.a) == ("modified", (6,))
    assert pair.similarity == next(p.similarity for p in align(seg("2020-01-01", short), b).pairs
                                   if p.b == (6,))
    both = [*BASE, "They praised the Northern Reef Fisheries Monitoring Agency (NRFMA) for its "
            "survey of coral stocks."]
    a = seg("2020-01-01", both)
    assert ("modified", (6,), (6,)) in ops(align(a, seg("2021-01-01", short)))
    assert align(a, seg("2021-01-01", short)).pairs[6].similarity == 0.999
    # no acronym in either text: the capitalised words are words like any other
    plain_b = seg("2021-01-01", [*BASE, "They praised the agency for its survey of coral stocks."])
    assert 0.5 < align(seg("2020-01-01", spelled), plain_b).pairs[6].similarity < 0.999
