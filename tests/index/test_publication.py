"""Publication of Index results: the city agrees, the secretariat releases the round, and only then are
a city's scores public; every decision is recorded."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from icc.core.history import reason_display
from icc.index.selectors.publication import (
    is_response_published,
    public_round_results,
    published_responses,
    round_publication,
)
from icc.index.services.publication import (
    response_publication_decide,
    round_results_publish,
    round_results_withdraw,
)
from icc.index.services.rounds import round_change_status
from tests.conftest import client_for


def test_only_a_city_that_agreed_in_a_published_round_is_public(published):
    lyon, porto = published
    assert is_response_published(lyon)
    assert not is_response_published(porto)
    assert list(published_responses()) == [lyon]


def test_nothing_is_public_before_the_round_is_published(scored, alice):
    lyon, _porto = scored
    response_publication_decide(response=lyon, agreed=True, by=alice)
    assert not is_response_published(lyon)
    assert public_round_results(lyon.round).cities == []


def test_the_round_must_be_closed_before_its_results_are_published(scored, alice):
    lyon, _porto = scored
    with pytest.raises(ValidationError, match="Close the round"):
        round_results_publish(round=lyon.round, by=alice)
    lyon.round.refresh_from_db()
    assert lyon.round.results_published_at is None


def test_withdrawing_the_agreement_takes_the_city_off_at_once(published, bob):
    lyon, _porto = published
    response_publication_decide(response=lyon, agreed=False, by=bob)
    assert not is_response_published(lyon)
    lyon.refresh_from_db()
    assert reason_display(lyon.history.first().history_change_reason) == "publication refused"
    assert lyon.publication_decided_by == bob


def test_withdrawing_a_round_needs_a_reason_and_hides_every_city(published, alice):
    lyon, _porto = published
    with pytest.raises(ValidationError) as error:
        round_results_withdraw(round=lyon.round, by=alice, reason="  ")
    assert "reason" in error.value.message_dict
    round_results_withdraw(round=lyon.round, by=alice, reason="A score is being corrected")
    assert not is_response_published(lyon)
    stored = lyon.round.history.first().history_change_reason
    assert reason_display(stored) == "results withdrawn: A score is being corrected"


def test_a_contributor_cannot_decide_on_publication(scored, carol):
    lyon, _porto = scored
    with pytest.raises(PermissionDenied):
        response_publication_decide(response=lyon, agreed=True, by=carol)


def test_public_statistics_cover_the_published_cities_only(published):
    lyon, _porto = published
    results = public_round_results(lyon.round)
    assert [c.city.name for c in results.cities] == ["Lyon"]
    assert results.sample_size == 2  # ranks stay those of the whole sample
    assert results.aggregate_statistics.n == 1
    assert results.aggregate_statistics.mean == pytest.approx(lyon.score.scores["aggregate"])


def test_the_coordinator_agrees_on_the_scores_page(scored, bob):
    lyon, _porto = scored
    page = client_for(bob).get(reverse("index:response_scores", args=[lyon.pk]))
    assert "Agree to publish these results" in page.text
    response = client_for(bob).post(reverse("index:response_publication", args=[lyon.pk]), {"agreed": "yes"})
    assert response.status_code == 302
    lyon.refresh_from_db()
    assert lyon.publication_agreed
    page = client_for(bob).get(reverse("index:response_scores", args=[lyon.pk]))
    assert "They become public when the secretariat publishes" in page.text


def test_the_coordinator_of_another_city_cannot_decide(scored, dave):
    lyon, _porto = scored
    response = client_for(dave).post(reverse("index:response_publication", args=[lyon.pk]), {"agreed": "yes"})
    assert response.status_code == 404
    lyon.refresh_from_db()
    assert not lyon.publication_agreed


def test_the_secretariat_publishes_a_round_from_its_scores_page(scored, alice):
    lyon, porto = scored
    response_publication_decide(response=lyon, agreed=True, by=alice)
    round_change_status(round=lyon.round, status="closed", by=alice)
    page = client_for(alice).get(reverse("index:round_scores", args=[lyon.round.pk]))
    assert "1 of 2 validated cities agree to publish their results. Not decided yet: 1." in page.text
    client_for(alice).post(reverse("index:round_publication", args=[lyon.round.pk]), {"action": "publish"})
    lyon.round.refresh_from_db()
    assert round_publication(lyon.round).published
    assert is_response_published(lyon) and not is_response_published(porto)


def test_a_refused_publication_shows_the_reason_on_the_round_page(scored, alice):
    lyon, _porto = scored
    page = client_for(alice).post(
        reverse("index:round_publication", args=[lyon.round.pk]), {"action": "publish"}, follow=True
    )
    assert "Close the round before publishing its results" in page.text


def test_experts_read_scores_once_they_are_published(published, erin):
    lyon, porto = published
    assert client_for(erin).get(reverse("index:response_scores", args=[lyon.pk])).status_code == 200
    assert client_for(erin).get(reverse("index:response_scores", args=[porto.pk])).status_code == 403


def test_the_publish_button_lists_what_still_blocks_it_before_the_click(scored, alice, index_round):
    from tests.factories import CityFactory, ResponseFactory
    from tests.index.helpers import fill_and_submit

    _lyon, _porto = scored
    waiting = fill_and_submit(ResponseFactory(round=index_round, city=CityFactory(name_en="Tampere")), "Lyon")
    client = client_for(alice)
    for url in (
        reverse("index:round_scores", args=[index_round.pk]),
        reverse("index:round_publication", args=[index_round.pk]),
    ):
        page = client.get(url).text
        assert "The results cannot be published yet:" in page
        assert "Close the round before publishing its results" in page
        assert "Some responses are still waiting for review" in page
        assert f'href="{reverse("index:response_review", args=[waiting.pk])}">Tampere</a>' in page
        assert 'name="action" value="publish"' not in page


def test_publishing_asks_for_confirmation_and_says_what_will_happen(scored, alice):
    lyon, _porto = scored
    response_publication_decide(response=lyon, agreed=True, by=alice)
    round_change_status(round=lyon.round, status="closed", by=alice)
    client = client_for(alice)
    scores_page = client.get(reverse("index:round_scores", args=[lyon.round.pk])).text
    confirm_url = reverse("index:round_publication", args=[lyon.round.pk])
    assert f'href="{confirm_url}"' in scores_page and 'value="publish"' not in scores_page
    page = client.get(confirm_url).text
    assert "The results of 1 city that agreed become public" in page
    assert "(1 undecided)" in page
    lyon.round.refresh_from_db()
    assert lyon.round.results_published_at is None  # reading the page publishes nothing
    client.post(confirm_url, {"action": "publish"})
    lyon.round.refresh_from_db()
    assert lyon.round.results_published_at is not None


def test_only_the_secretariat_opens_the_publication_page(scored, bob):
    lyon, _porto = scored
    assert client_for(bob).get(reverse("index:round_publication", args=[lyon.round.pk])).status_code == 403
