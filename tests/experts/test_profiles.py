"""The intercultural profile of a first visit: drafted by the lead expert, reviewed by the secretariat, shared
with the city, published when the city agrees; accepting it records the city's accession steps."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from icc.experts.models import Profile, ProfileComment, ProfileStatus
from icc.experts.services.profiles import (
    profile_accept,
    profile_area_save,
    profile_comment_add,
    profile_gender_equality_save,
    profile_publication_decide,
    profile_return,
    profile_share,
    profile_start,
    profile_submit,
    profile_summary_save,
)
from icc.network.models import AccessionStep, AccessionStepKind, CityStatus
from icc.network.services.accession import accession_record_step
from tests.experts.profile_fixtures import VISIT_ENDS, first_visit
from tests.factories import CityFactory, UserFactory, grant

STEPS_BEFORE_THE_VISIT = [
    (AccessionStepKind.APPLICATION_RECEIVED, datetime.date(2025, 10, 1)),
    (AccessionStepKind.INDEX_SUBMITTED, datetime.date(2025, 12, 1)),
    (AccessionStepKind.REPORT_ISSUED, datetime.date(2026, 2, 1)),
]


@pytest.fixture
def tampere(db):
    """A city at the accession step before the expert visit: the analytical report is issued."""
    city = CityFactory(name_en="Tampere", slug="tampere", country="FI", status=CityStatus.ENQUIRY)
    for step, date in STEPS_BEFORE_THE_VISIT:
        accession_record_step(city=city, step=step, date=date, by=None)
    city.refresh_from_db()
    return city


@pytest.fixture
def visit(tampere, erin):
    return first_visit(tampere, erin)


def written(profile, by):
    summary = "A city that plans for diversity."
    profile_summary_save(profile=profile, summary=summary, base_revision=None, by=by)
    profile_area_save(
        profile=profile,
        area="commitment",
        strengths="An intercultural strategy adopted in 2024.",
        needs="A budget line.",
        recommendations="Name a deputy mayor for intercultural affairs.",
        base_revision=None,
        by=by,
    )
    gender = "Women of migrant background rarely use the welcome service."
    profile_gender_equality_save(profile=profile, text=gender, base_revision=None, by=by)
    return Profile.objects.get(pk=profile.pk)


def submitted(visit, lead):
    profile = written(profile_start(assignment=visit, language="en", by=lead), lead)
    return profile_submit(profile=profile, by=lead)


def test_the_lead_expert_drafts_and_submits_and_the_secretariat_accepts(visit, tampere, erin, alice):
    profile = written(profile_start(assignment=visit, language="en", by=erin), erin)
    profile = profile_submit(profile=profile, by=erin)
    assert profile.status == ProfileStatus.SUBMITTED and profile.submitted_at is not None

    recorded = profile_accept(profile=profile, by=alice)

    assert recorded == ["Expert visit held", "Intercultural profile issued"]
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.ACCEPTED
    steps = {s.step: s for s in AccessionStep.objects.filter(city=tampere)}
    assert steps[AccessionStepKind.EXPERT_VISIT_HELD].date == VISIT_ENDS
    assert steps[AccessionStepKind.EXPERT_VISIT_HELD].recorded_by == alice
    assert "intercultural profile (English)" in steps[AccessionStepKind.EXPERT_VISIT_HELD].note
    assert AccessionStepKind.PROFILE_ISSUED in steps
    assert [h.history_change_reason for h in profile.history.order_by("history_date")][-1] == (
        "experts.profile_accepted"
    )


def test_a_returned_profile_is_corrected_and_submitted_again(visit, erin, alice):
    profile = submitted(visit, erin)
    profile_comment_add(profile=profile, text="Say which budget.", area="commitment", by=alice)

    with pytest.raises(ValidationError) as refused:
        profile_return(profile=profile, reason_text="  ", by=alice)
    assert "reason" in refused.value.message_dict
    profile = profile_return(profile=profile, reason_text="The needs are too vague.", by=alice)
    assert profile.status == ProfileStatus.RETURNED
    assert ProfileComment.objects.filter(profile=profile, area="", text="The needs are too vague.").exists()

    profile_area_save(
        profile=profile, area="commitment", strengths="A strategy adopted in 2024.",
        needs="A yearly budget of 200,000 EUR.", recommendations="", base_revision=None, by=erin,
    )  # fmt: skip
    profile = profile_submit(profile=profile, by=erin)
    assert profile.status == ProfileStatus.SUBMITTED


def test_accepting_is_refused_with_the_registers_message_when_the_accession_is_not_there_yet(erin, alice):
    early = CityFactory(name_en="Espoo", slug="espoo", country="FI", status=CityStatus.ENQUIRY)
    for step, date in STEPS_BEFORE_THE_VISIT[:2]:  # the analytical report is not issued yet
        accession_record_step(city=early, step=step, date=date, by=None)
    visit = first_visit(early, erin)
    profile = submitted(visit, erin)

    with pytest.raises(ValidationError) as refused:
        profile_accept(profile=profile, by=alice)

    message = " ".join(refused.value.messages)
    assert "The profile was not accepted" in message
    assert "“Analytical report issued” must come first" in message
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.SUBMITTED and profile.accepted_at is None
    assert not AccessionStep.objects.filter(
        city=early, step__in=[AccessionStepKind.EXPERT_VISIT_HELD, AccessionStepKind.PROFILE_ISSUED]
    ).exists()


def test_a_visit_in_the_future_cannot_be_recorded_so_nothing_is_accepted(tampere, erin, alice):
    visit = first_visit(tampere, erin, ends_on=datetime.date.today() + datetime.timedelta(days=30))
    profile = submitted(visit, erin)
    with pytest.raises(ValidationError, match="is in the future"):
        profile_accept(profile=profile, by=alice)
    assert not AccessionStep.objects.filter(city=tampere, step=AccessionStepKind.EXPERT_VISIT_HELD).exists()


def test_the_second_language_is_accepted_without_recording_the_steps_again(visit, tampere, erin, alice):
    for language in ("en", "fr"):
        profile = written(profile_start(assignment=visit, language=language, by=erin), erin)
        profile_submit(profile=profile, by=erin)
        recorded = profile_accept(profile=profile, by=alice)
        assert recorded == ([] if language == "fr" else ["Expert visit held", "Intercultural profile issued"])
    assert AccessionStep.objects.filter(city=tampere, step=AccessionStepKind.EXPERT_VISIT_HELD).count() == 1


def test_submitting_needs_a_summary_and_an_area(visit, erin):
    profile = profile_start(assignment=visit, language="en", by=erin)
    with pytest.raises(ValidationError) as refused:
        profile_submit(profile=profile, by=erin)
    assert refused.value.messages == [
        "Write the summary before submitting the profile.",
        "Write the strengths, needs or recommendations of at least one Index area before submitting.",
    ]
    assert Profile.objects.get(pk=profile.pk).status == ProfileStatus.DRAFTING


def test_only_the_lead_expert_drafts(tampere, erin, alice):
    other = UserFactory(email="olga@example.org", full_name="Olga Berg")
    grant(other, "expert")
    visit = first_visit(tampere, erin, others=(other,))
    with pytest.raises(PermissionDenied):
        profile_start(assignment=visit, language="en", by=other)
    profile = profile_start(assignment=visit, language="en", by=erin)
    with pytest.raises(PermissionDenied):
        profile_summary_save(profile=profile, summary="Mine.", base_revision=None, by=other)
    with pytest.raises(PermissionDenied):
        profile_summary_save(profile=profile, summary="Mine.", base_revision=None, by=alice)


def test_a_submitted_profile_is_no_longer_changed(visit, erin):
    profile = submitted(visit, erin)
    with pytest.raises(ValidationError, match="can no longer be changed"):
        profile_summary_save(profile=profile, summary="Later.", base_revision=None, by=erin)


def test_a_save_on_a_stale_revision_overwrites_nothing(visit, erin):
    profile = profile_start(assignment=visit, language="en", by=erin)
    profile_area_save(profile=profile, area="education", strengths="First.", needs="", recommendations="",
                      base_revision="", by=erin)  # fmt: skip
    outcome = profile_area_save(profile=profile, area="education", strengths="Other tab.", needs="",
                                recommendations="", base_revision="", by=erin)  # fmt: skip
    assert outcome.conflict and not outcome.saved
    assert profile.areas.get(area="education").strengths == "First."


def test_a_text_too_long_is_refused_naming_the_field(visit, erin):
    profile = profile_start(assignment=visit, language="en", by=erin)
    with pytest.raises(ValidationError) as refused:
        profile_area_save(profile=profile, area="education", strengths="", needs="x" * 20_001,
                          recommendations="", base_revision=None, by=erin)  # fmt: skip
    assert list(refused.value.message_dict) == ["needs"]
    assert "Needs is too long: at most 20,000 characters" in refused.value.message_dict["needs"][0]
    assert not profile.areas.exists()


def test_a_profile_is_started_once_per_language_and_only_for_a_first_visit(visit, tampere, erin):
    profile_start(assignment=visit, language="fr", by=erin)
    with pytest.raises(ValidationError, match="already started"):
        profile_start(assignment=visit, language="fr", by=erin)
    with pytest.raises(ValidationError) as refused:
        profile_start(assignment=visit, language="de", by=erin)
    assert "language" in refused.value.message_dict
    workshop = first_visit(tampere, erin, kind="policy_workshop")
    with pytest.raises(ValidationError, match="Only a first visit"):
        profile_start(assignment=workshop, language="en", by=erin)


def _shared(visit, erin, alice, language="en"):
    profile = written(profile_start(assignment=visit, language=language, by=erin), erin)
    profile_submit(profile=profile, by=erin)
    profile_accept(profile=profile, by=alice)
    return profile_share(profile=profile, by=alice)


def test_the_city_coordinator_publishes_and_withdraws(visit, tampere, erin, alice):
    coordinator = UserFactory(email="ville@example.org", full_name="Ville Koski")
    grant(coordinator, "city_coordinator", city=tampere)
    profile = _shared(visit, erin, alice)
    assert profile.status == ProfileStatus.SHARED and not Profile.objects.public().exists()

    with pytest.raises(PermissionDenied):
        profile_publication_decide(profile=profile, agreed=True, by=erin)
    profile = profile_publication_decide(profile=profile, agreed=True, by=coordinator)
    assert profile.status == ProfileStatus.PUBLISHED
    assert profile.city_agreed_at is not None and list(Profile.objects.public()) == [profile]

    profile = profile_publication_decide(profile=profile, agreed=False, by=coordinator)
    assert profile.status == ProfileStatus.SHARED and not Profile.objects.public().exists()


def test_an_unshared_profile_cannot_be_published(visit, erin, alice):
    profile = written(profile_start(assignment=visit, language="en", by=erin), erin)
    with pytest.raises(ValidationError, match="Cannot go from"):
        profile_publication_decide(profile=profile, agreed=True, by=alice)


def test_accepting_a_profile_without_its_gender_equality_section_is_refused_on_that_field(visit, erin, alice):
    profile = profile_start(assignment=visit, language="en", by=erin)
    profile_summary_save(profile=profile, summary="A city that plans.", base_revision=None, by=erin)
    profile_area_save(
        profile=profile,
        area="commitment",
        strengths="A strategy.",
        needs="",
        recommendations="",
        base_revision=None,
        by=erin,
    )
    profile = profile_submit(profile=profile, by=erin)  # submitting does not need it: the review does

    with pytest.raises(ValidationError) as exc:
        profile_accept(profile=profile, by=alice)

    assert list(exc.value.message_dict) == ["gender_equality"]
    assert "Gender equality: this section is empty" in exc.value.message_dict["gender_equality"][0]
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.SUBMITTED and profile.accepted_at is None
    assert not AccessionStep.objects.filter(
        city=visit.city, step=AccessionStepKind.EXPERT_VISIT_HELD
    ).exists()


def test_the_gender_equality_section_is_saved_like_the_summary_and_refused_too_long(visit, erin):
    profile = profile_start(assignment=visit, language="en", by=erin)
    assert profile_gender_equality_save(
        profile=profile, text="  Data by gender.  ", base_revision=None, by=erin
    ).saved
    profile.refresh_from_db()
    assert profile.gender_equality == "Data by gender."
    assert "experts.profile_saved" in profile.history.first().history_change_reason
    with pytest.raises(ValidationError) as exc:
        profile_gender_equality_save(profile=profile, text="x" * 20_001, base_revision=None, by=erin)
    assert list(exc.value.message_dict) == ["gender_equality"]
