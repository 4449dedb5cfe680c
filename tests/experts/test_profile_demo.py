"""The demo's profiles: every state of the workflow, Lyon's published in English and French, a visit in
progress for a candidate city drafted by the demo expert."""

from django.test import Client

from icc.accounts.models import User
from icc.experts.demo_profiles import load_expert_profiles
from icc.experts.models import Expert, ExpertStatus, Profile, ProfileStatus
from icc.network.demo import load_demo
from icc.network.models import CityStatus


def test_the_demo_has_a_profile_in_every_state(db):
    load_demo()
    demo_expert = User.objects.get(email="expert@demo.icc")
    Expert.objects.create(user=demo_expert, full_name=demo_expert.full_name, status=ExpertStatus.ACTIVE)
    for number, country in enumerate(("DE", "FR", "IT", "ES")):
        Expert.objects.create(full_name=f"Expert {number}", country=country, status=ExpertStatus.ACTIVE)

    assert load_expert_profiles() == 8
    assert load_expert_profiles() == 0  # loaded once

    states = {(p.visit.assignment.city.name_en, p.language): p.status for p in Profile.objects.all()}
    assert set(states.values()) == set(ProfileStatus.values)
    assert states[("Lyon", "en")] == states[("Lyon", "fr")] == ProfileStatus.PUBLISHED
    tallinn = Profile.objects.get(visit__assignment__city__name_en="Tallinn")
    assert tallinn.visit.assignment.city.status == CityStatus.CANDIDATE
    assert tallinn.visit.assignment.team.get(lead=True).expert.user == demo_expert

    # every profile past the draft has its gender-equality section (the review accepts none without it)
    assert all(p.gender_equality for p in Profile.objects.exclude(status=ProfileStatus.DRAFTING))
    assert tallinn.gender_equality == ""  # the demo expert's draft: left to write
    page = Client().get("/en/cities/lyon/").content.decode()
    assert "Intercultural profile" in page and "Lyon has made diversity part of how it governs" in page
    assert "Lyon counts the users of its welcome and language services by gender" in page
    prague = Client().get("/en/cities/prague/").content.decode()
    assert "not published" in prague
