"""A French reader of an Index round's or response's history reads its reasons in French; what the
secretariat typed (a withdrawal's or a reopening's reason) stays as written."""

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import translation

from icc.core.history import history_entries
from icc.index.models import Response
from icc.index.services import review
from icc.index.services.publication import round_results_withdraw
from icc.index.services.rounds import round_extend_deadline, round_invite

NBSP = "\u00a0"


def _reasons(obj) -> list[str]:
    """The reasons of the object's history, oldest first, as a French reader reads them."""
    with translation.override("fr"):
        return [entry.reason for entry in reversed(history_entries(obj))]


def test_a_rounds_history_reads_in_french(published, alice):
    lyon, _porto = published
    round_results_withdraw(round=lyon.round, by=alice, reason="Un score de Lyon est corrigé")
    reasons = _reasons(lyon.round)
    assert reasons[-3:] == [
        "clôture",
        "résultats publiés",
        f"résultats retirés{NBSP}: Un score de Lyon est corrigé",
    ]


def test_a_responses_history_reads_in_french(scored, alice, django_capture_on_commit_callbacks):
    lyon, _porto = scored
    with django_capture_on_commit_callbacks(execute=True):
        review.response_reopen(response=lyon, by=alice, reason="Chiffres de 2025 à vérifier")
    lyon = Response.objects.get(pk=lyon.pk)
    assert [r for r in _reasons(lyon) if r] == [
        "soumission",
        "validation",
        f"réouverture{NBSP}: Chiffres de 2025 à vérifier",
    ]
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    client.force_login(alice)
    page = client.get(reverse("index:response_history", args=[lyon.pk])).content.decode()
    assert "Chiffres de 2025 à vérifier" in page


def test_an_invitation_and_an_extension_read_in_french(alice, index_round, lyon):
    round_invite(round=index_round, cities=[lyon], by=alice)
    round_extend_deadline(round=index_round, deadline=datetime.date(2027, 1, 31), by=alice)
    response = Response.objects.get(round=index_round, city=lyon)
    assert _reasons(response) == ["invitation", "échéance reportée au 2027-01-31"]
    assert _reasons(index_round)[-1] == "échéance reportée au 2027-01-31"
