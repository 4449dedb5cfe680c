"""The demo's expert pool: 40 experts with the spread issue 19 asks for."""

from icc.accounts.models import RoleKind
from icc.experts.demo import load_expert_pool
from icc.experts.models import Expert, PoolTarget
from icc.experts.selectors.pool import pool_figures
from tests.factories import UserFactory, grant


def test_the_demo_pool_has_a_believable_spread(db):
    ana = UserFactory(email="expert@demo.icc", full_name="Ana Kovač")
    grant(ana, RoleKind.EXPERT)
    assert load_expert_pool() == 40
    assert load_expert_pool() == 0  # loaded once

    figures = pool_figures()
    assert figures.total == 40
    assert figures.by_status == {"active": 30, "in_training": 4, "candidate": 3, "inactive": 3}
    assert Expert.objects.filter(gender="woman").count() == 16  # 40 %
    assert figures.french_speakers == 12
    assert all(row.count >= 1 for row in figures.areas)  # every Index area covered
    assert sorted(row.key for row in figures.thin_areas) == ["intelligence", "international"]
    assert len({expert.country for expert in Expert.objects.all()}) >= 30
    in_training = Expert.objects.filter(status="in_training")
    assert all(expert.mentor is not None and expert.training.exists() for expert in in_training)
    assert Expert.objects.get(user=ana).status == "active"
    assert PoolTarget.objects.count() == 3
    women = next(line for line in figures.targets if line.target.kind == "women_share")
    assert women.progress.current is not None and women.progress.current < 50
