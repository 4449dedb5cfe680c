"""The demo's synthetic outcome figures: labelled synthetic, for the cities with published results only,
one analysis and one published study; loading twice adds nothing."""

from icc.impact.demo import load_impact_demo
from icc.impact.models import AnalysisRun, ImpactStudy, OutcomeValue


def test_the_demo_labels_its_figures_synthetic_and_publishes_one_study(published):
    lyon, _porto = published
    load_impact_demo()
    figures = OutcomeValue.objects.all()
    assert {figure.city_id for figure in figures} == {lyon.city_id}
    assert figures.count() == 5  # five outcomes in the year of the one published round
    assert all("SYNTHETIC" in f.source and "synthetic" in f.licence for f in figures)
    assert AnalysisRun.objects.get().is_finished
    study = ImpactStudy.objects.public().get()
    assert "synthetic" in study.title_en and "synthétiques" in study.title_fr
    load_impact_demo()
    assert OutcomeValue.objects.count() == 5 and ImpactStudy.objects.count() == 1
