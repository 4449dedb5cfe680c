"""The pool's pure figures (icc/experts/pool.py), with plain data."""

from datetime import date

from icc.experts import pool
from icc.experts.pool import ExpertFacts


def fact(status="active", gender="", languages=(), areas=()):
    return ExpertFacts(status=status, gender=gender, languages=frozenset(languages), areas=frozenset(areas))


def test_gender_counts_under_five_show_as_under_five():
    facts = [fact(gender="woman")] * 6 + [fact(gender="man")] * 3 + [fact(gender="another")]
    shown = {row.gender: row.shown for row in pool.by_gender(facts)}
    assert shown == {"woman": "6", "man": "<5", "another": "<5", "not_given": "<5", "": "<5"}


def test_only_active_experts_are_counted():
    facts = [fact(gender="woman")] * 5 + [fact(status="candidate", gender="woman")] * 4
    counts = {row.gender: row.count for row in pool.by_gender(facts)}
    assert counts["woman"] == 5


def test_share_of_women_is_hidden_when_either_side_is_under_five():
    assert pool.women_share([fact(gender="woman")] * 4 + [fact(gender="man")] * 10) is None
    assert pool.women_share([fact(gender="woman")] * 10 + [fact(gender="man")] * 4) is None
    assert pool.women_share([fact(gender="woman")] * 6 + [fact(gender="man")] * 9) == 40.0


def test_every_area_is_listed_and_thin_ones_are_named():
    facts = [
        fact(areas={"education", "media"}),
        fact(areas={"education"}),
        fact(status="inactive", areas={"media"}),
    ]
    counts = pool.by_area(facts, ["education", "media", "business"])
    assert [(row.key, row.count) for row in counts] == [("education", 2), ("media", 1), ("business", 0)]
    assert [row.key for row in pool.thin(counts)] == ["media", "business"]


def test_languages_include_french_and_english_and_every_language_of_the_pool():
    facts = [fact(languages={"fr", "de"}), fact(languages={"fr"}), fact(status="candidate", languages={"sq"})]
    counts = {row.key: row.count for row in pool.by_language(facts)}
    assert counts == {"fr": 2, "de": 1, "en": 0, "sq": 0}
    assert pool.french_speakers(facts) == 2


def test_target_progress_says_how_far_and_what_is_missing():
    facts = [fact(languages={"fr"})] * 9
    progress = pool.target_progress("french_speakers", 12, date(2028, 12, 31), facts)
    assert (progress.current, progress.percent, progress.missing, progress.reached) == (9.0, 75.0, 3.0, False)
    reached = pool.target_progress("active_experts", 5, date(2028, 12, 31), facts)
    assert reached.reached and reached.percent == 100.0


def test_a_share_of_women_target_shows_no_progress_when_the_share_is_hidden():
    facts = [fact(gender="woman")] * 2 + [fact(gender="man")] * 8
    progress = pool.target_progress("women_share", 50, date(2028, 12, 31), facts)
    assert progress.current is None and progress.percent is None
