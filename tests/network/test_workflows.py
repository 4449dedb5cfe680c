"""Every change of a city's status, and of a fee, is a transition its workflow declares; field-level rules
live in the service, so that the forms and the API obey the same ones."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from icc.core.workflow import TransitionNotAllowed, Workflow
from icc.network.models import CITY_STATUS_WORKFLOW, City, CityStatus, FeeStatus
from icc.network.services.accession import accession_record_step, accession_undo_last_step
from icc.network.services.cities import (
    SecretariatOnlyFields,
    city_change_status,
    city_status_choices,
    city_update,
)
from icc.network.services.fees import fee_actions, fee_record_payment, fee_update
from tests.factories import CityFactory, MembershipPeriodFactory

TODAY = datetime.date.today()


def test_undoing_accession_steps_moves_the_status_only_along_declared_corrections(alice):
    city = CityFactory(status=CityStatus.ENQUIRY)
    accession_record_step(city=city, step="application_received", date=TODAY, by=alice)
    assert CITY_STATUS_WORKFLOW.can(CityStatus.CANDIDATE, CityStatus.ENQUIRY, correction=True)
    assert not CITY_STATUS_WORKFLOW.can(CityStatus.CANDIDATE, CityStatus.ENQUIRY)  # never by hand

    accession_undo_last_step(city=city, by=alice, reason="Letter from another city")

    city.refresh_from_db()
    assert city.status == CityStatus.ENQUIRY
    assert "Letter from another city" in city.history.first().history_change_reason


def test_a_correction_the_workflow_does_not_declare_is_refused():
    with pytest.raises(TransitionNotAllowed, match="cannot be corrected back"):
        CITY_STATUS_WORKFLOW.check(CityStatus.WITHDRAWN, CityStatus.MEMBER, correction=True)
    with pytest.raises(ValueError, match="unknown states"):
        Workflow(name="broken", labels={"a": "A"}, transitions={}, corrections={"a": ["b"]})


def test_the_status_page_offers_exactly_the_services_choices(as_alice, lyon, bergamo):
    City.objects.filter(pk=lyon.pk).update(status=CityStatus.SUSPENDED)
    lyon.refresh_from_db()

    assert city_status_choices(lyon) == [CityStatus.MEMBER, CityStatus.WITHDRAWN]  # reinstated here
    assert city_status_choices(bergamo) == [CityStatus.WITHDRAWN]  # membership comes from accession
    page = as_alice.get(f"/manage/cities/{bergamo.slug}/status/").content.decode()
    assert 'value="withdrawn"' in page and 'value="member"' not in page


@pytest.mark.parametrize(
    ("start", "target", "message"),
    [
        (CityStatus.CANDIDATE, CityStatus.MEMBER, "accession step"),
        (CityStatus.MEMBER, CityStatus.ENQUIRY, "Cannot go from"),
        (CityStatus.MEMBER, CityStatus.CANDIDATE, "Cannot go from"),
        (CityStatus.ENQUIRY, CityStatus.SUSPENDED, "Cannot go from"),
    ],
)
def test_a_forbidden_status_change_is_an_error_and_changes_nothing(alice, start, target, message):
    city = CityFactory(status=start)

    with pytest.raises(ValidationError, match=message):
        city_change_status(city=city, status=target, by=alice, reason="Because")

    city.refresh_from_db()
    assert city.status == start


def test_only_the_secretariat_changes_a_status_even_through_the_service(bob, lyon):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        city_change_status(city=lyon, status=CityStatus.WITHDRAWN, by=bob, reason="Leaving")
    lyon.refresh_from_db()
    assert lyon.status == CityStatus.MEMBER


def test_a_coordinator_cannot_set_the_secretariats_fields_through_the_service(bob, lyon, rici):
    with pytest.raises(SecretariatOnlyFields) as exc:
        city_update(city=lyon, by=bob, notes="Mine now.", population=530_000)
    assert set(exc.value.fields) == {"notes"}
    with pytest.raises(SecretariatOnlyFields):
        city_update(city=lyon, by=bob, national_network=rici)

    lyon.refresh_from_db()
    assert lyon.notes == "" and lyon.national_network is None and lyon.population == 522_000
    city_update(city=lyon, by=bob, population=530_000)  # the city's own facts are the coordinator's
    lyon.refresh_from_db()
    assert lyon.population == 530_000


def test_the_secretariat_sets_notes_and_the_network(alice, reggio, rici):
    city_update(city=reggio, by=alice, notes="Renewal talks in May.", national_network=None)
    reggio.refresh_from_db()
    assert reggio.notes == "Renewal talks in May." and reggio.national_network is None


def test_the_fee_page_offers_the_actions_the_service_allows(as_alice, alice, lyon):
    period = MembershipPeriodFactory(city=lyon, year=TODAY.year)
    assert fee_actions(period) == ["pay", "waive", "update"]

    period = fee_record_payment(period=period, by=alice, paid_on=TODAY)

    assert fee_actions(period) == ["reopen"]
    page = as_alice.get(f"/manage/fees/{period.pk}/").content.decode()
    assert 'value="reopen"' in page and 'value="pay"' not in page and 'value="update"' not in page
    with pytest.raises(ValidationError, match="Reopen it first"):
        fee_update(period=period, by=alice, amount=period.amount + 1, due_date=period.due_date)
    period.refresh_from_db()
    assert period.status == FeeStatus.PAID
