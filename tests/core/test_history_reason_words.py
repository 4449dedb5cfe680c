"""What a person typed as a reason travels with its code: kept as written and whole up to what forms allow,
shortened (never the code) only past the service's bound; statuses and steps read by their label; and the
services mark history rows only through record_change."""

import re
from pathlib import Path

from django.utils import translation

from icc.core.history import REASON_FORM_MAX_LENGTH, REASON_MAX_LENGTH, reason, reason_display
from icc.network.forms import FeeWaiveForm

ICC = Path(__file__).resolve().parents[2] / "icc"


def test_typed_words_are_kept_as_written_with_the_characters_a_query_string_uses():
    typed = "Budget freeze & floods: +50% cuts; a=b? l’été"
    stored = reason("network.fee_waived", words=typed)
    assert reason_display(stored) == f"waived: {typed}"
    with translation.override("fr"):
        assert reason_display(stored) == f"exonération\u00a0: {typed}"


def test_typed_words_go_on_one_line():
    stored = reason("network.fee_reopened", words="  Paid twice,\n\nrefunded  ")
    assert reason_display(stored) == "reopened: Paid twice, refunded"


def test_long_typed_words_are_shortened_and_the_code_and_parameters_kept():
    typed = "Les élus ont décidé à l’unanimité de suspendre l’adhésion " * 50
    stored = reason("network.step_undone", step="member", words=typed)
    assert len(stored) <= REASON_MAX_LENGTH
    shown = reason_display(stored)
    assert shown.startswith("step “Member” undone: Les élus ont décidé")
    assert shown.endswith("…")
    with translation.override("fr"):
        assert reason_display(stored).startswith("étape «\u00a0Membre\u00a0» annulée\u00a0: Les élus")


def test_no_typed_words_leaves_the_code_alone():
    assert reason("network.fee_changed", words="   ") == "network.fee_changed"


def test_a_status_reads_by_its_label_in_the_readers_language():
    stored = reason("network.city_status", status="suspended")
    assert reason_display(stored) == "status: Suspended"
    with translation.override("fr"):
        assert reason_display(stored) == "statut\u00a0: Suspendue"


def test_older_rows_written_as_english_words_show_as_written():
    assert (
        reason_display("waived: Budget freeze after the floods") == "waived: Budget freeze after the floods"
    )
    assert reason_display("deadline extended to 2027-01-31") == "deadline extended to 2027-01-31"
    with translation.override("fr"):
        assert reason_display("demo data") == "données de démonstration"


def test_only_the_history_module_sets_a_change_reason():
    """Services call record_change(); nobody sets `_change_reason` (or its 100-character cut) by hand."""
    setters = [
        f"{path.relative_to(ICC)}:{number}"
        for path in ICC.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\._change_reason\s*=", line)
    ]
    assert [setter.split(":")[0] for setter in setters] == ["core/history.py"], setters


def test_a_reason_as_long_as_a_form_allows_is_kept_whole():
    typed = "x" * REASON_FORM_MAX_LENGTH
    stored = reason("network.step_undone", step="member", words=typed)
    assert reason_display(stored).endswith(typed)


def test_a_longer_reason_is_refused_by_the_form_with_the_limit():
    form = FeeWaiveForm(data={"reason": "x" * (REASON_FORM_MAX_LENGTH + 1)})
    assert not form.is_valid()
    assert "at most 1000 characters" in form.errors["reason"][0]
