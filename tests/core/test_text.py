"""Text the database cannot store, or that hides what it says, is refused with the field named, by every
channel: the register's form, its spreadsheet import, the API, answers and comments."""

import pytest
from django.core.exceptions import ValidationError

from icc.core import spreadsheets
from icc.core.text import text_problem
from icc.index.models import Answer
from icc.index.services.responses import answer_save
from icc.index.services.review import thread_open
from icc.network.models import City
from icc.network.services import imports
from icc.network.services.cities import city_create
from tests.api.conftest import token_for

NUL = "\x00"
RLO = "\u202e"  # right-to-left override: "Lyon\u202eevil" shows as "Lyonlive"


@pytest.mark.parametrize(
    ("value", "kind", "fragment"),
    [
        (f"Lyon{NUL}", {}, "control character (U+0000) at position 5"),
        ("bell\x07", {}, "U+0007"),
        (f"Lyon{RLO}noyL", {"name": True}, "direction of the text (U+202E)"),
        ("Saint-\nÉtienne", {"name": True}, "one line"),
        ("a\tb", {"multiline": False}, "one line"),
    ],
)
def test_it_says_what_is_wrong_and_where(value, kind, fragment):
    assert fragment in text_problem(value, **kind)


def test_multi_line_text_keeps_tabs_and_new_lines_and_other_text_keeps_bidi_marks():
    assert text_problem("Line one\r\n\tLine two") is None
    assert text_problem(f"Quote: {RLO}text") is None  # outside names, Arabic or Hebrew text may use them


def test_the_service_refuses_a_nul_in_any_field_and_a_bidi_override_in_a_name(alice):
    with pytest.raises(ValidationError) as nul:
        city_create(by=alice, name_en="Testville", country="FR", region=f"Nord{NUL}")
    with pytest.raises(ValidationError) as bidi:
        city_create(by=alice, name_en=f"Test{RLO}ville", country="FR")

    assert "U+0000" in nul.value.message_dict["region"][0]
    assert "U+202E" in bidi.value.message_dict["name_en"][0]
    assert not City.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "code"), [("name_en", f"Lyon{RLO}", "U+202E"), ("notes", "a\x01b", "U+0001")]
)
def test_the_register_form_names_the_field(as_alice, lyon, field, value, code):
    page = as_alice.get(f"/manage/cities/{lyon.slug}/edit/")
    form = page.context["form"]
    data = {
        n: ("" if v is None else v) for n, v in ((n, form[n].value()) for n in form.fields) if v is not False
    }
    data[field] = value

    answer = as_alice.post(f"/manage/cities/{lyon.slug}/edit/", data)

    assert answer.status_code == 200
    assert code in " ".join(answer.context["form"].errors[field])
    lyon.refresh_from_db()
    assert getattr(lyon, field) != value


@pytest.mark.parametrize(
    ("column", "value", "code"), [("name", f"Test{RLO}ville", "U+202E"), ("region", "No\x01rd", "U+0001")]
)
def test_the_import_names_the_row_and_column(db, column, value, code):
    # (A NUL never gets this far: the upload check refuses a CSV file with one as not being text.)
    values = {"name": "Testville", "country": "FR", "population": "50000", "region": "", column: value}
    content = ",".join(values) + "\n" + ",".join(values.values()) + "\n"

    preview = imports._build_preview(spreadsheets.read_table(content.encode("utf-8"), "csv"), "cities.csv")

    problem = preview.errors[0]
    assert (problem.row, problem.column) == (2, column) and code in problem.message
    assert not preview.rows


@pytest.mark.parametrize(
    ("field", "value", "code"), [("name_en", f"Test{RLO}ville", "U+202E"), ("region", f"Nord{NUL}", "U+0000")]
)
def test_the_api_names_the_field(client, alice, field, value, code):
    body = {"name_en": "Testville", "country": "FR", field: value}

    answer = client.post(
        "/api/v1/cities",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(alice)}"},
    )

    assert answer.status_code == 422
    [error] = answer.json()["error"]["fields"]
    assert error["field"] == field and code in error["message"]
    assert not City.objects.exists()


@pytest.mark.parametrize(
    ("fields", "at_fault"),
    [
        ({"explanation": f"Adopted{NUL} in 2019"}, "explanation"),
        ({"links": [f"https://lyon.fr/{NUL}"]}, "links"),
    ],
)
def test_answers_refuse_control_characters(bob, lyon_response, fields, at_fault):
    with pytest.raises(ValidationError) as exc:
        answer_save(response=lyon_response, question="commitment.strategy", by=bob, value="yes", **fields)

    assert "U+0000" in exc.value.message_dict[at_fault][0]
    assert not Answer.objects.exists()


def test_answer_entry_shows_the_problem_and_keeps_nothing(as_bob, lyon_response):
    url = f"/index/responses/{lyon_response.pk}/answers/commitment.strategy/"

    page = as_bob.post(url, {"value": "yes", "explanation": f"Adopted{NUL}"}, headers={"HX-Request": "true"})

    assert page["X-Answer-Saved"] == "false"
    assert "U+0000" in page.content.decode()
    assert not Answer.objects.exists()


def test_a_review_comment_refuses_a_control_character(alice, lyon_response):
    with pytest.raises(ValidationError) as exc:
        thread_open(response=lyon_response, question="commitment.strategy", body="Why\x1b?", by=alice)

    assert "U+001B" in exc.value.message_dict["body"][0]
