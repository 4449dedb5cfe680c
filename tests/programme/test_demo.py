"""The demo's 2016-2019 strategy: the seed's objectives, targets, risks and mitigation, statuses computed."""

import pytest

from icc.activities.models import OBJECTIVES
from icc.programme.demo import load_programme_demo
from icc.programme.models import MitigationAction, Objective, Risk, Target, TargetStatus

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_strategy_once_and_computes_the_statuses(lyon, porto):
    loaded = load_programme_demo()
    assert (loaded.objectives, loaded.targets, loaded.risks) == (5, 12, 7)
    assert MitigationAction.objects.count() == loaded.actions >= 10
    assert load_programme_demo().objectives == 0  # loaded once
    members_2019 = Target.objects.get(label_en="120 member cities by the end of 2019")
    assert members_2019.status == TargetStatus.MISSED  # two member cities in this test's network
    assert not Target.objects.filter(status="").exists()
    assert Risk.objects.filter(description_en__startswith="Lack of a sufficient number of experts").exists()


def test_the_objectives_map_one_to_one_to_the_objectives_events_are_tagged_with(db):
    load_programme_demo()
    assert set(Objective.objects.values_list("key", flat=True)) == {key for key, _label in OBJECTIVES}
