"""The expert pool's pages: the secretariat's list, record, form, documents, training, figures and targets;
the expert's own page. alice: secretariat · erin: expert · bob: a city's coordinator."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from icc.experts.models import Expert, ExpertDocument, PoolTarget, TrainingRecord
from tests.conftest import client_for
from tests.experts.pool_factories import make_expert

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def pool(alice):
    return {
        "marie": make_expert(
            alice,
            name="Marie Lefèvre",
            gender="woman",
            country="FR",
            languages=(("fr", "native", True), ("en", "fluent", True)),
            areas=("education", "media"),
            themes=("anti_rumour",),
        ),
        "jan": make_expert(
            alice, name="Jan Kowalski", gender="man", country="PL", status="candidate", areas=("business",)
        ),
    }


def test_the_secretariat_lists_the_pool_with_french_speakers_marked(alice, pool):
    page = client_for(alice).get("/experts/").content.decode()
    assert "Marie Lefèvre" in page and "Jan Kowalski" in page
    marie_row = page.split("Marie Lefèvre")[1].split("</tr>")[0]
    jan_row = page.split("Jan Kowalski")[1].split("</tr>")[0]
    assert "French" in marie_row and "French" not in jan_row


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("status=candidate", ["Jan Kowalski"]),
        ("language=fr", ["Marie Lefèvre"]),
        ("area=business", ["Jan Kowalski"]),
        ("theme=anti_rumour", ["Marie Lefèvre"]),
        ("gender=woman", ["Marie Lefèvre"]),
        ("q=kowal", ["Jan Kowalski"]),
    ],
)
def test_the_list_filters(alice, pool, query, names):
    page = client_for(alice).get(f"/experts/?{query}").content.decode()
    shown = [name for name in ("Marie Lefèvre", "Jan Kowalski") if name in page.split("<tbody>")[1]]
    assert shown == names


def test_the_list_reads_in_a_fixed_number_of_queries(alice, pool, django_assert_max_num_queries):
    for i in range(10):
        make_expert(alice, name=f"Expert {i}", areas=("education",), languages=(("de", "fluent", False),))
    client = client_for(alice)
    client.get("/experts/")
    with django_assert_max_num_queries(14):
        assert client.get("/experts/").status_code == 200


def test_people_other_than_the_secretariat_cannot_see_the_pool(bob, erin, pool):
    assert client_for(bob).get("/experts/").status_code == 403
    assert client_for(erin).get("/experts/").status_code == 403
    assert client_for(bob).get(f"/experts/{pool['marie'].pk}/").status_code == 404


def test_the_secretariat_adds_an_expert_with_every_field(alice, erin):
    response = client_for(alice).post(
        "/experts/new/",
        {
            "full_name": "  Erin   Keller ",
            "email": "Erin.Keller@Example.org",
            "phone": "+41 22 000 00 00",
            "gender": "woman",
            "country": "CH",
            "status": "in_training",
            "account_email": "erin@example.org",
            "areas": ["education", "welcoming"],
            "countries_known": ["CH", "DE"],
            "availability_note": "Not in August.",
            "biography": "Urban sociologist.",
            "language_0": "de",
            "level_0": "native",
            "working_0": "on",
            "language_1": "fr",
            "level_1": "fluent",
        },
    )
    expert = Expert.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/experts/{expert.pk}/"
    assert (expert.full_name, expert.email, expert.user, expert.status) == (
        "Erin Keller",
        "erin.keller@example.org",
        erin,
        "in_training",
    )
    assert sorted((row.language, row.level, row.working) for row in expert.languages.all()) == [
        ("de", "native", True),
        ("fr", "fluent", False),
    ]
    assert sorted(row.area for row in expert.expertise.all()) == ["education", "welcoming"]
    assert sorted(row.country for row in expert.countries_known.all()) == ["CH", "DE"]
    page = client_for(alice).get(response["Location"]).content.decode()
    assert "expert added to the pool" in page  # the history


def test_bad_input_is_refused_field_by_field_and_nothing_is_written(alice, pool):
    response = client_for(alice).post(
        "/experts/new/",
        {
            "full_name": "",
            "status": "active",
            "account_email": "nobody@example.org",
            "language_0": "fr",
            "level_0": "",
            "language_1": "",
            "level_1": "fluent",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"full_name", "level_0", "language_1"}
    assert Expert.objects.count() == 2
    # The service's own checks, once the form is complete: on their fields too.
    response = client_for(alice).post(
        "/experts/new/",
        {
            "full_name": "Nobody",
            "status": "active",
            "account_email": "nobody@example.org",
            "language_0": "fr",
            "level_0": "fluent",
            "language_1": "fr",
            "level_1": "basic",
        },
    )
    errors = response.context["form"].errors
    assert "No account has this e-mail address" in errors["account_email"][0]
    assert "listed twice" in errors["language_0"][0]
    assert Expert.objects.count() == 2


def test_an_expert_cannot_mentor_themself(alice, pool):
    marie = pool["marie"]
    response = client_for(alice).post(
        f"/experts/{marie.pk}/edit/", {"full_name": marie.full_name, "status": "active", "mentor": marie.pk}
    )
    assert "mentor" in response.context["form"].errors


def test_the_secretariat_changes_the_status_and_the_history_says_so(alice, pool):
    jan = pool["jan"]
    client_for(alice).post(
        f"/experts/{jan.pk}/edit/",
        {
            "full_name": jan.full_name,
            "status": "active",
            "areas": ["business"],
            "language_0": "en",
            "level_0": "fluent",
        },
    )
    jan.refresh_from_db()
    assert jan.status == "active"
    page = client_for(alice).get(f"/experts/{jan.pk}/").content.decode()
    assert "status changed to active" in page


def test_the_expert_sees_and_corrects_their_own_record_but_not_their_status(erin, alice):
    expert = make_expert(alice, name="Erin Keller", user=erin, status="in_training")
    client = client_for(erin)
    page = client.get("/experts/me/").content.decode()
    assert "Erin Keller" in page and 'name="status"' not in page
    response = client.post(
        "/experts/me/",
        {
            "full_name": "Erin Keller-Meier",
            "phone": "+41 79 000 00 00",
            "status": "active",
            "language_0": "it",
            "level_0": "working",
        },
    )
    assert response.status_code == 302
    expert.refresh_from_db()
    assert (expert.full_name, expert.phone, expert.status) == (
        "Erin Keller-Meier",
        "+41 79 000 00 00",
        "in_training",
    )
    assert [row.language for row in expert.languages.all()] == ["it"]
    assert expert.history.first().history_change_reason == "experts.self_corrected"
    assert client.get(f"/experts/{expert.pk}/").status_code == 200
    assert client.get(f"/experts/{expert.pk}/edit/").status_code == 403


def test_an_expert_does_not_see_another_experts_record(erin, alice, pool):
    make_expert(alice, name="Erin Keller", user=erin)
    assert client_for(erin).get(f"/experts/{pool['marie'].pk}/").status_code == 404


def test_an_expert_without_a_record_is_told_so(erin):
    page = client_for(erin).get("/experts/me/").content.decode()
    assert "not linked to a record" in page


def test_documents_are_checked_stored_and_served_to_the_secretariat_and_the_expert_only(alice, erin, bob):
    expert = make_expert(alice, name="Erin Keller", user=erin)
    client = client_for(erin)
    bad = client.post(
        f"/experts/{expert.pk}/documents/",
        {"kind": "cv", "file": SimpleUploadedFile("cv.pdf", b"not a pdf", content_type="application/pdf")},
    )
    assert bad.status_code == 400 and "does not contain what its extension says" in bad.content.decode()
    assert not ExpertDocument.objects.exists()
    good = client.post(
        f"/experts/{expert.pk}/documents/",
        {"kind": "cv", "file": SimpleUploadedFile("My CV.pdf", PDF, content_type="application/pdf")},
    )
    assert good.status_code == 302
    document = ExpertDocument.objects.get()
    url = f"/experts/{expert.pk}/documents/{document.pk}/"
    for person in (alice, erin):
        response = client_for(person).get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
        assert "attachment" in response["Content-Disposition"]
    assert client_for(bob).get(url).status_code == 404
    client_for(alice).post(f"/experts/{expert.pk}/documents/{document.pk}/delete/")
    assert not ExpertDocument.objects.exists()


def test_the_secretariat_records_training_sessions(alice, pool):
    jan = pool["jan"]
    bad = client_for(alice).post(f"/experts/{jan.pk}/training/", {"session": "Induction", "held_on": "soon"})
    assert bad.status_code == 400 and "held_on" in bad.context["form"].errors
    client_for(alice).post(
        f"/experts/{jan.pk}/training/", {"session": "Induction", "held_on": "2026-03-14", "attended": "on"}
    )
    assert TrainingRecord.objects.get().held_on == date(2026, 3, 14)
    assert "Induction" in client_for(alice).get(f"/experts/{jan.pk}/").content.decode()


def test_pool_figures_hide_small_gender_counts_and_name_thin_areas(alice, pool):
    for i in range(5):
        make_expert(
            alice,
            name=f"Woman {i}",
            gender="woman",
            areas=("education",),
            languages=(("fr", "fluent", True),),
        )
    page = client_for(alice).get("/experts/figures/").content.decode()
    assert "&lt;5" in page  # men: 0 active; the candidate is not counted
    gender_table = page.split('id="gender-h"')[1].split("</table>")[0]
    assert ">6<" in gender_table  # six active women
    assert "6 active experts speak French." in page
    assert "<svg" in page and "Active experts by Index area" in page
    thin = page.split('id="thin-h"')[1].split("</section>")[0]
    assert "Media" in thin and "Education" not in thin


def test_the_secretariat_sets_a_target_and_reads_its_progress(alice, pool):
    client = client_for(alice)
    bad = client.post(
        "/experts/figures/targets/", {"kind": "women_share", "value": "120", "due_on": "2028-12-31"}
    )
    assert "value" in bad.context["form"].errors and not PoolTarget.objects.exists()
    client.post(
        "/experts/figures/targets/", {"kind": "french_speakers", "value": "4", "due_on": "2028-12-31"}
    )
    target = PoolTarget.objects.get()
    page = client.get("/experts/figures/").content.decode()
    assert "3 to go" in page  # one active French speaker of four
    client.post(
        f"/experts/figures/targets/?edit={target.pk}",
        {"kind": "french_speakers", "value": "1", "due_on": "2028-12-31"},
    )
    assert "reached" in client.get("/experts/figures/").content.decode()
    client.post(f"/experts/figures/targets/{target.pk}/delete/")
    assert not PoolTarget.objects.exists()


def test_the_pages_read_in_french(alice, pool):
    client = client_for(alice)
    client.cookies["django_language"] = "fr"
    page = client.get("/experts/figures/").content.decode()
    assert "Experts actifs par domaine de l'Indice" in page


def test_the_menu_leads_the_secretariat_to_the_pool_and_an_expert_to_their_record(alice, erin, bob):
    assert 'href="/experts/"' in client_for(alice).get("/experts/figures/").content.decode()
    assert 'href="/experts/me/"' in client_for(erin).get("/experts/me/").content.decode()
    assert 'href="/experts/me/"' not in client_for(bob).get("/experts/me/").content.decode()


def test_the_pool_pages_pass_the_html_checks(alice, erin, pool):
    from tests.test_html_validity import check

    own = make_expert(alice, name="Erin Keller", user=erin, status="in_training", mentor=pool["marie"])
    client_for(alice).post(
        f"/experts/{own.pk}/training/", {"session": "Induction", "held_on": "2026-03-14", "attended": "on"}
    )
    problems: list[str] = []
    for person, paths in (
        (
            alice,
            [
                "/experts/",
                "/experts/new/",
                "/experts/figures/",
                "/experts/figures/targets/",
                f"/experts/{own.pk}/",
                f"/experts/{own.pk}/edit/",
                f"/experts/{own.pk}/erase/",
            ],
        ),
        (erin, ["/experts/me/", f"/experts/{own.pk}/", f"/experts/{own.pk}/documents/"]),
    ):
        client = client_for(person)
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            problems += check(path, response)[0]
    assert problems == []


def test_a_mentor_who_left_the_pool_does_not_block_changing_the_record(alice, pool):
    mentee = make_expert(alice, name="Tomasz Nowak", status="in_training", mentor=pool["marie"])
    pool["marie"].status = "inactive"
    pool["marie"].save()
    response = client_for(alice).post(
        f"/experts/{mentee.pk}/edit/",
        {"full_name": "Tomasz Nowak", "status": "active", "mentor": pool["marie"].pk},
    )
    assert response.status_code == 302
    mentee.refresh_from_db()
    assert (mentee.status, mentee.mentor) == ("active", pool["marie"])


def test_the_records_history_names_each_language_and_area_added_or_removed(alice, pool):
    marie = pool["marie"]
    client_for(alice).post(
        f"/experts/{marie.pk}/edit/",
        {"full_name": marie.full_name, "status": "active", "areas": ["education"], "language_0": "it",
         "level_0": "fluent"},
    )  # fmt: skip
    page = client_for(alice).get(f"/experts/{marie.pk}/").content.decode()
    history = page.split('id="history-h"')[1]
    assert "Language added: Italian (fluent)" in history
    assert "Language removed: French (native, working language)" in history
    assert "Field of expertise removed: Media" in history
    assert "expert&#x27;s record corrected" in history or "expert's record corrected" in history
