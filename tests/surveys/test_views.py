"""The survey pages: a resident answers without an account (once per session, honeypot, rate limit, no
address stored), a coordinator creates a survey, reads the weighted results, downloads and publishes them;
the public results page and what it refuses to show."""

import pytest
from django.test import Client, override_settings

from icc.surveys.models import Survey, SurveyAnswer
from tests.conftest import client_for
from tests.surveys.helpers import add_answers, make_survey, questionnaire, skewed_answers

pytestmark = pytest.mark.django_db


def _post(client: Client, survey: Survey, data: dict, lang: str = "en"):
    return client.post(f"/{lang}/surveys/{survey.city.slug}/{survey.pk}/", {"consent": "on", **data})


def test_a_resident_answers_once_without_an_account(lyon, bob):
    survey = make_survey(lyon, by=bob)
    client = Client()
    page = client.get(f"/fr/surveys/{lyon.slug}/{survey.pk}/")
    assert "Connaissez-vous un lieu dans la ville" in page.content.decode()
    assert "Je ne sais pas" in page.content.decode()
    response = _post(
        client, survey, {"knowing.antidiscrimination_service": "yes", "about.age_band": "30-44"}, "fr"
    )
    assert response.status_code == 302
    assert SurveyAnswer.objects.get().answers == {
        "knowing.antidiscrimination_service": "yes",
        "about.age_band": "30-44",
    }
    again = client.get(f"/en/surveys/{lyon.slug}/{survey.pk}/")
    assert "already answered" in again.content.decode()
    _post(client, survey, {"trust.police": "2"})
    assert SurveyAnswer.objects.count() == 1


def test_consent_is_required_and_bad_answers_are_named(lyon, bob):
    survey = make_survey(lyon, by=bob)
    response = Client().post(f"/en/surveys/{lyon.slug}/{survey.pk}/", {"trust.police": "3"})
    assert response.status_code == 200 and not SurveyAnswer.objects.exists()
    assert "This field is required" in response.content.decode()


def test_a_bot_filling_the_hidden_field_is_thanked_and_ignored(lyon, bob):
    survey = make_survey(lyon, by=bob)
    response = _post(Client(), survey, {"trust.police": "3", "website": "http://spam.example"})
    assert "Thank you" in response.content.decode()
    assert not SurveyAnswer.objects.exists()


@pytest.mark.cache
@override_settings(PUBLIC_FORM_RATE="2/hour")
def test_answers_from_one_address_are_limited(lyon, bob):
    survey = make_survey(lyon, by=bob)
    for _i in range(2):
        assert _post(Client(), survey, {"trust.police": "3"}).status_code == 302
    assert _post(Client(), survey, {"trust.police": "3"}).status_code == 429
    assert SurveyAnswer.objects.count() == 2


def test_a_coordinator_creates_a_survey_with_the_population_structure(lyon, bob):
    client = client_for(bob)
    response = client.post(
        "/surveys/new/",
        {
            "city": lyon.pk,
            "questionnaire": questionnaire().pk,
            "title_en": "Living together",
            "opens_on": "2026-12-01",
            "closes_on": "2027-01-31",
            "target_answers": 500,
            "age_16_29": 24,
            "age_30_44": 26,
            "age_45_64": 30,
            "age_65": 20,
            "gender_woman": 52,
            "gender_man": 48,
            "population_source": "INSEE 2021",
        },
    )
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert survey.population == {
        "age": {"16-29": 24.0, "30-44": 26.0, "45-64": 30.0, "65+": 20.0},
        "gender": {"woman": 52.0, "man": 48.0},
    }
    assert survey.title_fr == "Living together"


def test_population_shares_that_do_not_add_up_are_refused_on_the_form(lyon, bob):
    response = client_for(bob).post(
        "/surveys/new/",
        {
            "city": lyon.pk,
            "questionnaire": questionnaire().pk,
            "title_en": "T",
            "opens_on": "2026-12-01",
            "closes_on": "2027-01-31",
            "target_answers": 500,
            "age_16_29": 50,
            "gender_woman": 52,
            "gender_man": 48,
            "population_source": "x",
        },
    )
    assert response.status_code == 200
    assert "add up to 50" in response.content.decode()
    assert not Survey.objects.exists()


def test_the_coordinator_reads_weighted_results_downloads_and_publishes(lyon, bob, client):
    survey = make_survey(lyon, by=bob, open_now=False)
    add_answers(survey, skewed_answers(300))
    coordinator = client_for(bob)
    page = coordinator.get(f"/surveys/{survey.pk}/").content.decode()
    assert "Design effect" in page and "Weighted to the city" in page
    csv = coordinator.get(f"/surveys/{survey.pk}/results.csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "knowing.antidiscrimination_service" in csv.content.decode("utf-8-sig")
    assert client.get(f"/en/surveys/{lyon.slug}/{survey.pk}/results/").status_code == 404
    coordinator.post(f"/surveys/{survey.pk}/publish/")
    public = client.get(f"/en/surveys/{lyon.slug}/{survey.pk}/results/")
    assert public.status_code == 200
    assert "Do you know of a place in the city" in public.content.decode()


def test_small_groups_show_less_than_ten(lyon, bob, client):
    survey = make_survey(lyon, by=bob, open_now=False)
    add_answers(survey, skewed_answers(300) + [{"mixing.events": "4"}] * 5)
    page = client_for(bob).get(f"/surveys/{survey.pk}/").content.decode()
    assert "&lt;10" in page


def test_the_import_page_checks_then_imports(lyon, bob):
    from django.core.files.uploadedfile import SimpleUploadedFile

    survey = make_survey(lyon, by=bob)
    client = client_for(bob)
    content = b"trust.police,about.gender\n4,woman\n5,man\n"
    checked = client.post(
        f"/surveys/{survey.pk}/import/", {"file": SimpleUploadedFile("p.csv", content), "apply": "0"}
    )
    assert "2 answers, all right" in checked.content.decode() and not survey.answers.exists()
    done = client.post(
        f"/surveys/{survey.pk}/import/", {"file": SimpleUploadedFile("p.csv", content), "apply": "1"}
    )
    assert done.status_code == 302 and survey.answers.count() == 2
    bad = client.post(
        f"/surveys/{survey.pk}/import/",
        {"file": SimpleUploadedFile("p.csv", b"trust.police\n9\n"), "apply": "1"},
    )
    assert "row 2, column trust.police" in bad.content.decode()
    assert survey.answers.count() == 2


def test_the_needs_you_list_shows_a_closed_unpublished_survey(lyon, bob):
    from icc.accounts.selectors import user_roles_summary
    from icc.surveys.attention import survey_items

    make_survey(lyon, by=bob, open_now=False)
    items = list(survey_items(bob, user_roles_summary(bob)))
    assert [i.key for i in items] == ["surveys.to_publish"]


def test_the_api_lists_published_surveys_of_a_city_and_their_results(lyon, bob, client):
    hidden = make_survey(lyon, by=bob, open_now=False)
    survey = make_survey(lyon, by=bob, open_now=False)
    add_answers(survey, skewed_answers(200))
    client_for(bob).post(f"/surveys/{survey.pk}/publish/")
    listed = client.get(f"/api/v1/surveys?city={lyon.slug}").json()
    assert [s["id"] for s in listed["items"]] == [survey.pk]
    results = client.get(f"/api/v1/surveys/{survey.pk}/results").json()
    assert results["answers"] == 200 and results["weighted"] is True
    question = next(q for q in results["questions"] if q["id"] == "knowing.antidiscrimination_service")
    assert question["all"]["shares"][0]["option"] == "yes"
    assert client.get(f"/api/v1/surveys/{hidden.pk}/results").status_code == 404


def test_a_closed_survey_says_so_and_a_future_one_is_not_found(lyon, bob, client):
    import datetime

    from django.utils import timezone

    closed = make_survey(lyon, by=bob, open_now=False)
    page = client.get(f"/en/surveys/{lyon.slug}/{closed.pk}/")
    assert "This survey takes answers from" in page.content.decode()
    assert "Send my answers" not in page.content.decode()
    later = make_survey(
        lyon,
        by=bob,
        opens_on=timezone.localdate() + datetime.timedelta(days=5),
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    assert client.get(f"/en/surveys/{lyon.slug}/{later.pk}/").status_code == 404
