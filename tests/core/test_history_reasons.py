"""History reasons are stored as codes and read in the reader's language, for every app's history."""

import pytest
from django.utils import translation

from icc.core.history import (
    REASON_MAX_LENGTH,
    history_entries,
    reason,
    reason_display,
    record_change,
    register_reasons,
)
from icc.network.models import City


def test_a_reason_code_reads_in_the_readers_language():
    stored = reason("accounts.role_granted")
    assert reason_display(stored) == "role granted"
    with translation.override("fr"):
        assert reason_display(stored) == "rôle accordé"


def test_a_reason_keeps_its_parameters():
    register_reasons({"tests.fees_opened": "fees opened for %(year)s"})
    assert reason_display(reason("tests.fees_opened", year=2026)) == "fees opened for 2026"


def test_words_a_person_typed_are_shown_as_written():
    assert reason_display("Le conseil municipal a voté") == "Le conseil municipal a voté"
    assert reason_display(None) == ""


def test_an_unknown_or_too_long_reason_is_refused_when_written():
    with pytest.raises(ValueError, match="register_reasons"):
        reason("no.such.code")
    register_reasons({"tests.long": "%(text)s"})
    with pytest.raises(ValueError, match=f"{REASON_MAX_LENGTH} characters"):
        reason("tests.long", text="x" * REASON_MAX_LENGTH)


def test_older_rows_with_english_words_read_in_french_too(alice, lyon):
    lyon.population = 600_000
    record_change(lyon, by=alice, reason="changed")
    lyon.save()
    assert City.history.first().history_change_reason == "changed"  # type: ignore[attr-defined]
    with translation.override("fr"):
        assert history_entries(lyon)[0].reason == "modification"
        assert history_entries(lyon)[0].who == "Alice Martin"
