import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from icc.core.workflow import TransitionNotAllowed
from icc.practices.innovations import adoption_record, innovation_page
from icc.practices.models import Adoption, AdoptionStage, Innovation


@pytest.fixture
def anti_rumour(db):
    return Innovation.objects.create(
        key="anti-rumour",
        name_en="The anti-rumour approach",
        name_fr="L'approche anti-rumeurs",
        target_cities=2,
        target_date=datetime.date(2027, 12, 31),
        counts_from=datetime.date(2016, 1, 1),
    )


def day(year, month=1, d=1):
    return datetime.date(year, month, d)


def test_a_city_moves_through_the_stages_with_their_dates(alice, anti_rumour, lyon):
    adoption_record(by=alice, innovation=anti_rumour, city=lyon, stage="interested", on=day(2020))
    adoption_record(by=alice, innovation=anti_rumour, city=lyon, stage="initiated", on=day(2020, 6))
    adoption = adoption_record(
        by=alice,
        innovation=anti_rumour,
        city=lyon,
        stage="running",
        on=day(2021),
        evidence="40 agents trained",
    )
    assert (adoption.interested_on, adoption.initiated_on, adoption.running_since) == (
        day(2020),
        day(2020, 6),
        day(2021),
    )
    assert adoption.evidence == "40 agents trained"
    with pytest.raises(TransitionNotAllowed):
        adoption_record(by=alice, innovation=anti_rumour, city=lyon, stage="interested", on=day(2022))
    # A mistake is corrected one step back, and the later date goes.
    adoption = adoption_record(
        by=alice, innovation=anti_rumour, city=lyon, stage="initiated", on=day(2020, 6), correction=True
    )
    assert adoption.stage == AdoptionStage.INITIATED and adoption.running_since is None


def test_bad_dates_and_people_outside_the_secretariat_are_refused(alice, bob, anti_rumour, lyon):
    adoption_record(by=alice, innovation=anti_rumour, city=lyon, stage="interested", on=day(2020))
    with pytest.raises(ValidationError) as refused:
        adoption_record(by=alice, innovation=anti_rumour, city=lyon, stage="initiated", on=day(2019))
    assert "on" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        adoption_record(by=alice, innovation=anti_rumour, city=lyon, stage="running", on=day(2999))
    assert "on" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        adoption_record(by=bob, innovation=anti_rumour, city=lyon, stage="running", on=day(2021))


def test_new_adopters_count_against_the_target_and_the_interested_are_the_pipeline(
    alice, anti_rumour, lyon, porto, reggio
):
    adoption_record(by=alice, innovation=anti_rumour, city=lyon, stage="running", on=day(2015))  # a pioneer
    adoption_record(by=alice, innovation=anti_rumour, city=porto, stage="initiated", on=day(2018))
    adoption_record(by=alice, innovation=anti_rumour, city=reggio, stage="interested", on=day(2024))
    page = innovation_page(anti_rumour, public=True)
    assert page.new_adopters == 1 and page.percent == 50 and page.to_go == 1
    assert [a.city for a in page.pipeline] == [reggio]
    assert [a.city for a in page.adoptions] == [lyon, porto, reggio]


def test_the_public_page_shows_the_table_the_map_and_the_progress(alice, anti_rumour, lyon, client):
    from decimal import Decimal

    lyon.latitude, lyon.longitude = Decimal("45.76"), Decimal("4.84")
    lyon.save()
    adoption_record(by=alice, innovation=anti_rumour, city=lyon, stage="running", on=day(2018))
    text = client.get("/en/practices/innovations/anti-rumour/").content.decode()
    assert "1 new cities of the 2 targeted" in text
    assert 'id="adopters-map"' in text and "Lyon" in text
    assert "L&#x27;approche anti-rumeurs" in client.get("/fr/practices/innovations/").content.decode()


def test_the_secretariat_records_a_stage_through_the_page(as_alice, anti_rumour, lyon):
    url = reverse("practices:innovation_manage", args=["anti-rumour"])
    answer = as_alice.post(url, {"city": lyon.pk, "stage": "interested", "on": "2025-01-10"})
    assert answer.status_code == 302
    assert Adoption.objects.get().stage == AdoptionStage.INTERESTED
    refused = as_alice.post(url, {"city": lyon.pk, "stage": "running", "on": "2024-01-10"})
    assert "cannot come before" in refused.content.decode()
