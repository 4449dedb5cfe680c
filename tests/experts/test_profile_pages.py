"""The pages of a visit and its profile: who sees what, the visit's record, autosave, review, publication, and
the profile on the city's public page in English and French."""

import pytest
from django.utils import timezone

from icc.experts.models import (
    Profile,
    ProfileArea,
    ProfileStatus,
    StakeholderCategory,
    StakeholderMeeting,
    Visit,
)
from tests.conftest import client_for
from tests.experts.profile_fixtures import first_visit

PEOPLE = ["anonymous", "alice", "bob", "carol", "dave", "erin", "grace"]


@pytest.fixture
def visit(lyon, erin):
    return first_visit(lyon, erin)


def make_profile(assignment, status, language="en", **texts):
    visit, _ = Visit.objects.get_or_create(assignment=assignment)
    now = timezone.now()
    profile = Profile.objects.create(
        visit=visit,
        language=language,
        status=status,
        summary=texts.get("summary", f"Summary in {language}."),
        gender_equality=texts.get("gender_equality", f"Gender equality in {language}."),
        shared_at=now if status in (ProfileStatus.SHARED, ProfileStatus.PUBLISHED) else None,
        published_at=now if status == ProfileStatus.PUBLISHED else None,
        city_agreed_at=now if status == ProfileStatus.PUBLISHED else None,
    )
    ProfileArea.objects.create(
        profile=profile,
        area="commitment",
        strengths=texts.get("strengths", f"Strengths in {language}."),
        needs="Needs.",
        recommendations="Recommendations.",
    )
    return profile


def statuses(url, request):
    people = {p: request.getfixturevalue(p) for p in PEOPLE[1:]}
    return {p: client_for(people.get(p)).get(url).status_code for p in PEOPLE}


def test_the_visit_page_is_for_the_secretariat_the_team_and_the_city(visit, request):
    got = statuses(f"/experts/visits/{visit.pk}/", request)
    assert got == {
        "anonymous": 302, "alice": 200, "bob": 200, "carol": 200, "dave": 404, "erin": 200, "grace": 404,
    }  # fmt: skip


def test_a_profile_is_hidden_from_the_city_until_shared(visit, request):
    profile = make_profile(visit, ProfileStatus.SUBMITTED)
    url = f"/experts/profiles/{profile.pk}/"
    before = statuses(url, request)
    assert before == {
        "anonymous": 302, "alice": 200, "bob": 404, "carol": 404, "dave": 404, "erin": 200, "grace": 404,
    }  # fmt: skip
    Profile.objects.filter(pk=profile.pk).update(status=ProfileStatus.SHARED, shared_at=timezone.now())
    assert statuses(url, request)["bob"] == 200


def test_the_expert_keeps_the_visit_record(visit, erin):
    client = client_for(erin)
    data = {"agenda": "Day 1: the mayor.\nDay 2: schools."}
    data.update({f"count_{category}": "0" for category in StakeholderCategory.values})
    data.update(count_politicians="3", note_politicians="The mayor and two deputies", count_media="1")
    response = client.post(f"/experts/visits/{visit.pk}/record/", data)
    assert response.status_code == 302
    meetings = {m.category: (m.count, m.note) for m in StakeholderMeeting.objects.all()}
    assert meetings == {"politicians": (3, "The mayor and two deputies"), "media": (1, "")}
    page = client.get(f"/experts/visits/{visit.pk}/").content.decode()
    assert "Day 2: schools." in page and "4 people met, by category" in page

    data["count_business"] = "-2"
    page = client.post(f"/experts/visits/{visit.pk}/record/", data).content.decode()
    assert "Business: number of people met" in page and "greater than or equal to 0" in page


def test_the_city_reads_the_visit_but_does_not_keep_its_record(visit, bob):
    assert client_for(bob).get(f"/experts/visits/{visit.pk}/record/").status_code == 403


def test_autosave_answers_with_the_status_line_only(visit, erin):
    profile = make_profile(visit, ProfileStatus.DRAFTING)
    stored = profile.areas.get(area="commitment")
    client = client_for(erin)
    response = client.post(
        f"/experts/profiles/{profile.pk}/draft/commitment/",
        {"autosave": "1", "base_revision": stored.updated.isoformat(), "strengths": "A strategy since 2024.",
         "needs": "Needs.", "recommendations": "Recommendations."},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    assert response.status_code == 200
    assert response["HX-Reswap"] == "none" and response["X-Answer-Saved"] == "true"
    body = response.content.decode()
    assert "Saved at" in body and "Erin Keller" in body and "<textarea" not in body
    assert profile.areas.get(area="commitment").strengths == "A strategy since 2024."

    # The same save from a tab that did not see it: nothing overwritten, the stored text shown.
    stale = client.post(
        f"/experts/profiles/{profile.pk}/draft/commitment/",
        {"autosave": "1", "base_revision": stored.updated.isoformat(), "strengths": "Older tab.",
         "needs": "", "recommendations": ""},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    assert stale["X-Answer-Saved"] == "false"
    assert "Someone else saved this part" in stale.content.decode()
    assert profile.areas.get(area="commitment").strengths == "A strategy since 2024."


def test_a_text_too_long_is_not_saved_and_named(visit, erin):
    profile = make_profile(visit, ProfileStatus.DRAFTING)
    response = client_for(erin).post(
        f"/experts/profiles/{profile.pk}/draft/summary/",
        {"autosave": "1", "summary": "x" * 20_001},
        headers={"HX-Request": "true"},
    )
    assert response["X-Answer-Saved"] == "false" and response["X-Answer-Invalid"] == "summary"
    assert "The summary is too long" in response.content.decode()


def test_the_city_and_other_experts_cannot_draft(visit, bob, alice):
    profile = make_profile(visit, ProfileStatus.DRAFTING)
    for person in (bob, alice):
        assert client_for(person).get(f"/experts/profiles/{profile.pk}/draft/").status_code in (403, 404)


def test_the_secretariat_returns_with_a_reason(visit, alice):
    profile = make_profile(visit, ProfileStatus.SUBMITTED)
    client = client_for(alice)
    page = client.post(f"/experts/profiles/{profile.pk}/review/", {"action": "return", "return-reason": " "})
    assert "Say why the profile is returned" in page.content.decode()
    assert Profile.objects.get(pk=profile.pk).status == ProfileStatus.SUBMITTED
    client.post(f"/experts/profiles/{profile.pk}/review/", {"action": "return", "return-reason": "Short."})
    assert Profile.objects.get(pk=profile.pk).status == ProfileStatus.RETURNED


def test_the_city_coordinator_publishes_and_the_public_page_shows_it(visit, lyon, bob, carol):
    profile = make_profile(visit, ProfileStatus.SHARED, strengths="PUBLIC-STRENGTH")
    anonymous = client_for(None)
    assert "PUBLIC-STRENGTH" not in anonymous.get("/en/cities/lyon/").content.decode()
    assert client_for(carol).get(f"/experts/profiles/{profile.pk}/publication/").status_code == 403

    response = client_for(bob).post(f"/experts/profiles/{profile.pk}/publication/", {"action": "publish"})
    assert response.status_code == 302
    english = anonymous.get("/en/cities/lyon/").content.decode()
    assert "Intercultural profile" in english and "PUBLIC-STRENGTH" in english
    assert "not published" in english  # the French version does not exist
    french = anonymous.get("/fr/cities/lyon/").content.decode()
    assert "Profil interculturel" in french and "PUBLIC-STRENGTH" in french and "non publié" in french

    client_for(bob).post(f"/experts/profiles/{profile.pk}/publication/", {"action": "withdraw"})
    assert "PUBLIC-STRENGTH" not in anonymous.get("/en/cities/lyon/").content.decode()


def test_each_published_language_is_on_the_public_page_in_its_reader_s_language(visit):
    make_profile(visit, ProfileStatus.PUBLISHED, strengths="ENGLISH-TEXT")
    make_profile(visit, ProfileStatus.PUBLISHED, language="fr", strengths="TEXTE-FRANÇAIS")
    page = client_for(None).get("/fr/cities/lyon/").content.decode()
    assert page.index("TEXTE-FRANÇAIS") < page.index("ENGLISH-TEXT")  # the French first, the English after
    assert "non publié" not in page


def test_needs_you_lists_what_profiles_ask_of_each_person(visit, lyon, alice, bob, erin, grace):
    from icc.accounts.selectors import user_roles_summary
    from icc.experts.selectors.profiles import profile_attention_items

    returned = make_profile(visit, ProfileStatus.RETURNED)
    submitted = make_profile(visit, ProfileStatus.SUBMITTED, language="fr")

    def lines(person):
        return {
            i.key: (i.count, i.label, i.url)
            for i in profile_attention_items(person, user_roles_summary(person))
        }

    assert lines(alice) == {
        "experts.profile_review": (
            1, "1 intercultural profile submitted for review", f"/experts/profiles/{submitted.pk}/review/"
        )
    }  # fmt: skip
    assert lines(erin)["experts.profile_draft"][:2] == (1, "1 intercultural profile to write and submit")
    assert lines(bob) == {} and lines(grace) == {}
    Profile.objects.filter(pk=returned.pk).update(status=ProfileStatus.SHARED)
    assert lines(bob)["experts.profile_publication"][2] == f"/experts/profiles/{returned.pk}/"
    # The dashboard ("needs you") lists them, with the rest of each person's work.
    dashboard = client_for(alice).get("/manage/dashboard/").content.decode()
    assert "1 intercultural profile submitted for review" in dashboard
    assert f"/experts/profiles/{submitted.pk}/review/" in dashboard


def test_the_visit_list_reads_a_fixed_number_of_queries(lyon, porto, erin, alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(alice)

    def queries() -> int:
        client.get("/experts/visits/")  # warm the session
        with CaptureQueriesContext(connection) as captured:
            client.get("/experts/visits/")
        return len(captured)

    make_profile(first_visit(lyon, erin), ProfileStatus.DRAFTING)
    one = queries()
    for city in (porto, lyon):
        make_profile(first_visit(city, erin), ProfileStatus.SUBMITTED)
    assert queries() == one
    assert client.get("/experts/visits/").content.decode().count("First expert visit to") == 3


def test_the_visit_page_speaks_french(visit, bob):
    client = client_for(bob)
    page = client.get(f"/experts/visits/{visit.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Acteurs rencontrés" in page and "Profil interculturel" in page


def test_the_review_refuses_to_accept_a_profile_without_its_gender_equality_section(visit, alice):
    profile = make_profile(visit, ProfileStatus.SUBMITTED, gender_equality="")
    client = client_for(alice)
    review = client.get(f"/experts/profiles/{profile.pk}/review/").content.decode()
    assert "The gender-equality section is empty: the profile cannot be accepted" in review

    page = client.post(f"/experts/profiles/{profile.pk}/review/", {"action": "accept"}, follow=True)

    assert (
        "Gender equality: this section is empty, and a profile is accepted only with it."
        in page.content.decode()
    )
    assert Profile.objects.get(pk=profile.pk).status == ProfileStatus.SUBMITTED


def test_the_lead_expert_writes_the_gender_equality_section_in_the_draft(visit, erin):
    profile = make_profile(visit, ProfileStatus.DRAFTING, gender_equality="")
    client = client_for(erin)
    assert 'name="gender_equality"' in client.get(f"/experts/profiles/{profile.pk}/draft/").content.decode()

    client.post(
        f"/experts/profiles/{profile.pk}/draft/gender_equality/", {"gender_equality": "Data by gender."}
    )

    assert Profile.objects.get(pk=profile.pk).gender_equality == "Data by gender."


def test_the_public_page_shows_the_published_profiles_gender_equality_section(visit, lyon):
    make_profile(visit, ProfileStatus.PUBLISHED, gender_equality="PUBLIC-GENDER-SECTION")
    page = client_for(None).get("/en/cities/lyon/").content.decode()
    assert "PUBLIC-GENDER-SECTION" in page


def test_a_visit_report_has_its_gender_equality_section(lyon, erin):
    workshop = first_visit(lyon, erin, kind="policy_workshop")
    client = client_for(erin)
    data = {f"count_{category}": "0" for category in StakeholderCategory.values}
    data.update(
        agenda="Day 1.", report="The workshop found...", report_gender_equality="Few women in the room."
    )

    assert client.post(f"/experts/visits/{workshop.pk}/record/", data).status_code == 302

    page = client.get(f"/experts/visits/{workshop.pk}/").content.decode()
    section = page[page.index('id="report-h"') :]
    assert "Gender equality" in section and "Few women in the room." in section


def test_a_first_visit_has_no_visit_report_to_write_its_gender_section_in(visit, erin):
    page = client_for(erin).get(f"/experts/visits/{visit.pk}/record/").content.decode()
    assert 'name="report_gender_equality"' not in page
