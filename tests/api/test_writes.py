"""Writes through the API go through the same services as the web forms: same validation messages, same
history, same revision rule; several answers are saved all or nothing."""

import json

import pytest
from django.utils import translation

from icc.core.history import reason_display
from icc.index.answers import AnswerError, clean_answer
from icc.index.models import Answer
from icc.index.services.responses import response_submit, section_assign
from icc.index.structure import structure_of
from icc.network.models import City


def _answer_path(response, question=""):
    return f"/responses/{response.pk}/answers" + (f"/{question}" if question else "")


def test_a_coordinator_saves_an_answer_and_it_is_in_the_history(api_as, bob, lyon_response):
    api = api_as(bob)

    status, body, _ = api.put(
        _answer_path(lyon_response, "commitment.strategy"),
        {"value": "partly", "explanation": "Adopted in 2024.", "links": ["https://lyon.example.org/plan"]},
    )

    assert status == 200
    assert body["value"] == "partly" and body["revision"] == 1 and body["area"] == "commitment"
    answer = Answer.objects.get(response=lyon_response, question="commitment.strategy")
    assert answer.explanation == "Adopted in 2024."
    last = answer.history.first()
    assert last.history_user == bob
    assert last.value == "partly"
    assert reason_display(last.history_change_reason) == "saved through the API"
    with translation.override("fr"):
        assert reason_display(last.history_change_reason) == "enregistrement par l’API"
    lyon_response.refresh_from_db()
    assert lyon_response.status == "in_progress"


def test_a_bad_answer_gets_the_forms_message_on_the_field(api_as, bob, lyon_response):
    info = structure_of(lyon_response.round.questionnaire).question("commitment.strategy")
    with pytest.raises(AnswerError) as form_error:
        clean_answer(info.question, "maybe")

    status, body, _ = api_as(bob).put(_answer_path(lyon_response, "commitment.strategy"), {"value": "maybe"})

    assert status == 422
    assert body["error"]["code"] == "invalid"
    assert body["error"]["fields"] == [{"field": "value", "message": str(form_error.value)}]
    assert not Answer.objects.filter(response=lyon_response).exists()


def test_a_save_based_on_an_old_revision_is_a_conflict_and_writes_nothing(api_as, bob, lyon_response):
    api = api_as(bob)
    path = _answer_path(lyon_response, "commitment.strategy")
    api.put(path, {"value": "partly"})
    api.put(path, {"value": "yes", "base_revision": 1})

    status, body, _ = api.put(path, {"value": "no", "base_revision": 1})

    assert status == 409
    assert body["error"]["code"] == "conflict"
    assert body["error"]["fields"][0]["field"] == "base_revision"
    assert Answer.objects.get(response=lyon_response, question="commitment.strategy").value == "yes"


def test_several_answers_are_saved_all_or_nothing(api_as, bob, lyon_response):
    api = api_as(bob)
    good = {"question": "commitment.strategy", "value": "yes"}

    status, body, _ = api.patch(
        _answer_path(lyon_response), {"answers": [good, {"question": "commitment.budget", "value": "lots"}]}
    )

    assert status == 422
    assert body["error"]["fields"][0]["field"] == "answers.1.value"
    assert not Answer.objects.filter(response=lyon_response).exists()

    status, body, _ = api.patch(
        _answer_path(lyon_response), {"answers": [good, {"question": "commitment.budget", "value": "no"}]}
    )

    assert status == 200
    assert [a["question"] for a in body["answers"]] == ["commitment.strategy", "commitment.budget"]
    assert Answer.objects.filter(response=lyon_response).count() == 2


def test_an_unknown_question_is_named(api_as, bob, lyon_response):
    status, body, _ = api_as(bob).patch(
        _answer_path(lyon_response), {"answers": [{"question": "nowhere.nothing", "value": "yes"}]}
    )

    assert status == 422
    assert body["error"]["fields"][0]["field"] == "answers.0.question"
    assert "nowhere.nothing" in body["error"]["fields"][0]["message"]


def test_only_those_who_answer_a_section_may_write_it(api_as, alice, bob, carol, dave, erin, lyon_response):
    path = _answer_path(lyon_response, "commitment.strategy")
    statuses = {p.full_name: api_as(p).put(path, {"value": "yes"})[0] for p in (alice, carol, dave, erin)}

    # Read but may not answer: 403 (the form's rule: a contributor answers assigned sections only).
    assert statuses == {"Alice Martin": 403, "Carol Petit": 403, "Dave Silva": 404, "Erin Keller": 403}
    section_assign(response=lyon_response, area="commitment", user=carol, by=bob)
    assert api_as(carol).put(path, {"value": "yes"})[0] == 200


def test_a_validated_response_cannot_be_changed(api_as, bob, published):
    lyon, _porto = published

    status, body, _ = api_as(bob).put(_answer_path(lyon, "commitment.strategy"), {"value": "no"})

    assert status == 409
    assert body["error"]["code"] == "conflict"
    assert "validated" in body["error"]["message"]
    assert "ask the secretariat to reopen" in body["error"]["message"]


def test_a_submitted_response_tells_each_role_what_it_can_do(api_as, alice, bob, lyon_response):
    api_as(bob).put(_answer_path(lyon_response, "commitment.strategy"), {"value": "yes"})
    response_submit(response=lyon_response, by=bob)
    path = _answer_path(lyon_response, "commitment.strategy")

    coordinator = api_as(bob).put(path, {"value": "no"})
    secretariat = api_as(alice).put(path, {"value": "no"})

    assert coordinator[0] == secretariat[0] == 409
    assert "with the secretariat for review" in coordinator[1]["error"]["message"]
    assert "ask the secretariat to return it" in coordinator[1]["error"]["message"]
    assert "Return it to the city" in secretariat[1]["error"]["message"]
    assert Answer.objects.get(response=lyon_response, question="commitment.strategy").value == "yes"


def test_an_unknown_question_in_the_address_is_not_found(api_as, bob, lyon_response):
    status, body, _ = api_as(bob).put(_answer_path(lyon_response, "nowhere.nothing"), {"value": "yes"})

    assert status == 404
    assert "nowhere.nothing" in body["error"]["message"]
    assert not Answer.objects.filter(response=lyon_response).exists()


def test_an_unknown_field_is_refused_by_name_and_nothing_changes(api_as, alice, lyon):
    rows = lyon.history.count()

    status, body, _ = api_as(alice).patch("/cities/lyon", {"population": 530_000, "populaton": 1})

    assert status == 422
    assert body["error"]["fields"] == [
        {
            "field": "populaton",
            "message": "This operation takes no field “populaton”: leave it out or check its spelling.",
        }
    ]
    lyon.refresh_from_db()
    assert lyon.population != 530_000
    assert lyon.history.count() == rows


@pytest.mark.parametrize("body", [[{"population": 1}], "population", 530000, None])
def test_a_body_that_is_not_a_json_object_is_refused(api_as, alice, lyon, body):
    rows = lyon.history.count()

    api = api_as(alice)
    sent = api.client.patch(
        "/api/v1/cities/lyon", data=json.dumps(body), content_type="application/json", headers=api.headers
    )

    assert sent.status_code == 422
    answer = sent.json()
    assert answer["error"]["fields"][0]["field"] == "body"
    assert "must be a JSON object" in answer["error"]["fields"][0]["message"]
    assert lyon.history.count() == rows


def test_an_answer_with_an_unknown_field_is_refused(api_as, bob, lyon_response):
    path = _answer_path(lyon_response, "commitment.strategy")

    status, body, _ = api_as(bob).put(path, {"value": "yes", "explanaton": "Typo"})

    assert status == 422
    assert body["error"]["fields"][0]["field"] == "explanaton"
    assert not Answer.objects.filter(response=lyon_response).exists()


def test_sending_the_same_values_again_adds_no_history_row(api_as, alice, lyon):
    api = api_as(alice)
    assert api.patch("/cities/lyon", {"population": 530_000})[0] == 200
    rows = lyon.history.count()

    status, body, _ = api.patch("/cities/lyon", {"population": 530_000, "country": "fr"})

    assert status == 200 and body["population"] == 530_000
    assert lyon.history.count() == rows


@pytest.mark.parametrize(
    ("field", "value", "fix"),
    [
        ("latitude", 91, "at most 90"),
        ("longitude", -181, "at least -180"),
        ("foreign_born_share", 101, "at most 100"),
        ("population_year", 1850, "at least 1900"),
        ("population", 0, "at least 1"),
    ],
)
def test_out_of_bounds_figures_are_refused_with_the_bound(api_as, alice, lyon, field, value, fix):
    status, body, _ = api_as(alice).patch("/cities/lyon", {field: value})

    assert status == 422
    assert body["error"]["fields"] == [{"field": field, "message": f"Give a value of {fix}."}]


def test_the_secretariat_adds_a_city_to_the_register(api_as, alice, bob):
    status, body, _ = api_as(alice).post(
        "/cities", {"name_en": "Tampere", "country": "fi", "population": 250_000, "latitude": 61.4978}
    )

    assert status == 201
    assert body["slug"] == "tampere" and body["country"] == "FI" and body["record"]["status"] == "enquiry"
    city = City.objects.get(slug="tampere")
    assert city.history.first().history_user == alice
    assert api_as(bob).post("/cities", {"name_en": "Oulu", "country": "FI"})[0] == 403


def test_the_register_rules_apply_to_the_api_with_the_field_at_fault(api_as, alice, lyon):
    api = api_as(alice)

    status, body, _ = api.post("/cities", {"name_en": "Lyon", "country": "FR"})
    assert status == 422
    assert body["error"]["fields"] == [
        {"field": "name_en", "message": "Lyon (FR) is already in the register."}
    ]

    status, body, _ = api.post("/cities", {"name_en": "Atlantis", "country": "XX"})
    assert status == 422
    assert body["error"]["fields"][0]["field"] == "country"
    assert "two-letter ISO code" in body["error"]["fields"][0]["message"]

    status, body, _ = api.post("/cities", {"country": "FR"})
    assert status == 422
    assert body["error"]["fields"][0]["field"] == "name_en"
    assert not City.objects.exclude(pk=lyon.pk).exists()


def test_a_coordinator_changes_the_facts_of_their_city_but_not_the_secretariats_fields(
    api_as, bob, lyon, porto
):
    api = api_as(bob)

    status, body, _ = api.patch("/cities/lyon", {"population": 530_000, "region": "Auvergne-Rhône-Alpes"})
    assert status == 200
    assert body["population"] == 530_000
    lyon.refresh_from_db()
    assert lyon.region == "Auvergne-Rhône-Alpes"
    assert lyon.history.first().history_user == bob

    status, body, _ = api.patch("/cities/lyon", {"notes": "Mine now."})
    assert status == 403
    assert body["error"]["fields"] == [
        {"field": "notes", "message": "Only the secretariat changes this field."}
    ]

    assert api.patch("/cities/porto", {"population": 1})[0] == 404
    status, body, _ = api.patch("/cities/lyon", {"population": 400_000_000})
    assert status == 422 and body["error"]["fields"][0]["field"] == "population"


def test_text_the_database_cannot_store_is_refused_and_long_names_get_a_short_address(api_as, alice):
    api = api_as(alice)

    nul = api.post("/cities", {"name_en": "Nul\x00city", "country": "DE"})
    assert nul[0] == 422
    assert nul[1]["error"]["fields"][0]["field"] == "name_en"
    assert not City.objects.exists()
    # A name whose folded forms outgrow their columns is stored with a shortened address.
    status, body, _ = api.post("/cities", {"name_en": "ß" * 150, "country": "DE"})
    assert status == 201 and len(body["slug"]) <= 120
