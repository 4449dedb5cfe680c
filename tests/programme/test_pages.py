"""The secretariat's dashboard, the drill-down, the risk register and a risk's review, exports, public
summary."""

import datetime

import pytest
from django.urls import reverse

from icc.notifications.models import Notification
from icc.programme.models import ActionStatus, MitigationAction, Risk, RiskStatus, Target, TargetStatus
from tests.programme.helpers import make_strategy, missing_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategy(alice, lyon, porto, monkeypatch):
    missing_source(monkeypatch)
    return make_strategy(alice)


def test_the_dashboard_shows_computed_targets_with_status(client, alice, strategy):
    client.force_login(alice)
    response = client.get(reverse("programme:dashboard"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "3 member cities" in text
    assert "2 / 3 cities" in text  # Lyon and Porto, members since 2020
    assert "Controlled expansion" in text


def test_a_target_whose_source_does_not_exist_says_so_rather_than_zero(client, alice, strategy):
    client.force_login(alice)
    text = client.get(reverse("programme:dashboard")).content.decode()
    assert "No source yet" in text
    detail = client.get(reverse("programme:target_detail", args=[strategy["missing"].pk])).content.decode()
    assert "No source yet" in detail
    assert "records behind the number" not in detail


def test_the_drill_down_lists_the_records_behind_the_number_with_links(client, alice, strategy, lyon):
    client.force_login(alice)
    response = client.get(reverse("programme:target_detail", args=[strategy["members"].pk]))
    text = response.content.decode()
    assert "The 2 records behind the number" in text
    assert f'href="{reverse("network:city_detail", args=[lyon.slug])}"' in text


def test_a_withdrawn_city_no_longer_counts(client, alice, strategy, lyon):
    lyon.status, lyon.status_since = "withdrawn", datetime.date(2021, 1, 1)
    lyon.save()
    client.force_login(alice)
    text = client.get(reverse("programme:target_detail", args=[strategy["members"].pk])).content.decode()
    assert "The 1 record behind the number" in text


def test_people_other_than_the_secretariat_get_403(client, bob, strategy):
    client.force_login(bob)
    assert client.get(reverse("programme:dashboard")).status_code == 403
    assert client.get(reverse("programme:target_detail", args=[strategy["members"].pk])).status_code == 403


def test_the_risk_register_shows_score_owner_and_warnings(client, alice, strategy, bergamo):
    client.force_login(alice)
    text = client.get(reverse("programme:risk_list")).content.decode()
    assert "Too many candidates at once" in text
    assert "<strong>12</strong>" in text  # 3 x 4
    assert "Alice Martin" in text
    # One candidate (Bergamo) for a cap of 6 a quarter: 0.17, above the threshold of 0.1, warns.
    assert "candidate cities per quarterly admission allowed" in text


def test_the_owner_reviews_a_risk_and_the_history_keeps_why(client, alice, strategy):
    client.force_login(alice)
    risk = strategy["risk"]
    url = reverse("programme:risk_detail", args=[risk.pk])
    next_review = datetime.date.today() + datetime.timedelta(days=90)
    response = client.post(
        url,
        {
            "likelihood": "2",
            "impact": "4",
            "status": RiskStatus.MITIGATED,
            "review_on": next_review.isoformat(),
            "owner": str(alice.pk),
            "note": "Cap lowered",
        },
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert (risk.likelihood, risk.status, risk.review_on) == (2, RiskStatus.MITIGATED, next_review)
    history = client.get(reverse("programme:risk_history", args=[risk.pk])).content.decode()
    assert "Cap lowered" in history
    assert "mitigated" in history


def test_a_review_date_in_the_past_is_refused_on_its_field(client, alice, strategy):
    client.force_login(alice)
    risk = strategy["risk"]
    response = client.post(
        reverse("programme:risk_detail", args=[risk.pk]),
        {
            "likelihood": "2",
            "impact": "4",
            "status": "open",
            "review_on": "2020-01-01",
            "owner": str(alice.pk),
        },
    )
    assert response.status_code == 400
    assert "Set the next review on today or a later day." in response.content.decode()
    risk.refresh_from_db()
    assert risk.likelihood == 3


def test_a_likelihood_out_of_range_is_refused(client, alice, strategy):
    client.force_login(alice)
    risk = strategy["risk"]
    response = client.post(
        reverse("programme:risk_detail", args=[risk.pk]),
        {
            "likelihood": "9",
            "impact": "4",
            "status": "open",
            "review_on": "2099-01-01",
            "owner": str(alice.pk),
        },
    )
    assert response.status_code == 400
    assert Risk.objects.get(pk=risk.pk).likelihood == 3


def test_mitigation_actions_are_added_and_moved(client, alice, strategy):
    client.force_login(alice)
    risk = strategy["risk"]
    client.post(reverse("programme:action_add", args=[risk.pk]), {"description": "Open a waiting list"})
    assert risk.actions.filter(description_en="Open a waiting list").exists() or risk.actions.count() == 2
    action = strategy["action"]
    client.post(reverse("programme:action_status", args=[action.pk]), {"status": ActionStatus.DONE})
    assert MitigationAction.objects.get(pk=action.pk).status == ActionStatus.DONE


def test_an_empty_action_is_refused(client, alice, strategy):
    client.force_login(alice)
    risk = strategy["risk"]
    response = client.post(
        reverse("programme:action_add", args=[risk.pk]), {"description": "  "}, follow=True
    )
    assert risk.actions.count() == 1
    assert "Mitigation action:" in response.content.decode()


def test_a_risk_is_hidden_from_people_who_neither_own_it_nor_are_secretariat(client, bob, strategy):
    client.force_login(bob)
    assert client.get(reverse("programme:risk_detail", args=[strategy["risk"].pk])).status_code == 404


def test_an_owner_outside_the_secretariat_reviews_their_risk_but_cannot_give_it_away(
    client, bob, alice, strategy
):
    risk = strategy["risk"]
    risk.owner = bob
    risk.save()
    client.force_login(bob)
    url = reverse("programme:risk_detail", args=[risk.pk])
    assert client.get(url).status_code == 200
    review = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    response = client.post(
        url, {"likelihood": "1", "impact": "1", "status": "open", "review_on": review, "owner": str(alice.pk)}
    )
    assert response.status_code == 302  # the owner field is disabled: the owner stays bob
    risk.refresh_from_db()
    assert (risk.owner, risk.likelihood) == (bob, 1)


def test_exports_of_targets_and_risks(client, alice, strategy):
    client.force_login(alice)
    csv = client.get(reverse("programme:export_targets", args=["csv"])).content.decode("utf-8-sig")
    assert "3 member cities" in csv
    assert "no source yet" in csv
    xlsx = client.get(reverse("programme:export_risks", args=["xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("programme:export_risks", args=["pdf"])).status_code == 404


def test_the_public_summary_shows_published_targets_and_no_names(client, strategy, alice):
    response = client.get("/en/programme/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "3 member cities" in text
    assert "An internal target" not in text
    assert "Too many candidates" not in text
    assert "Alice" not in text
    assert "Lyon" not in text


def test_the_public_summary_speaks_french(client, strategy):
    text = client.get("/fr/programme/").content.decode()
    assert "3 villes membres" in text


def test_the_api_gives_the_public_summary(client, strategy):
    body = client.get("/api/v1/programme/targets").json()
    labels = {t["label"]: t for t in body["targets"]}
    assert set(labels) == {"3 member cities", "Course ready"}
    assert labels["3 member cities"]["current"] == 2.0
    assert labels["Course ready"]["status"] == "no_source"
    assert labels["Course ready"]["current"] is None


def test_the_dashboard_runs_a_fixed_number_of_queries(client, alice, strategy, django_assert_max_num_queries):
    client.force_login(alice)
    with django_assert_max_num_queries(40):
        assert client.get(reverse("programme:dashboard")).status_code == 200


def test_a_recompute_records_statuses_and_tells_the_secretariat_when_one_gets_worse(client, alice, strategy):
    client.force_login(alice)
    client.post(reverse("programme:recompute"))
    members = Target.objects.get(pk=strategy["members"].pk)
    assert members.status == TargetStatus.ON_TRACK or members.status == TargetStatus.AT_RISK
    assert not Notification.objects.filter(
        kind="target_status_changed"
    ).exists()  # the first sets the baseline
    Target.objects.filter(pk=members.pk).update(status=TargetStatus.MET)
    client.post(reverse("programme:recompute"))
    members.refresh_from_db()
    if members.status in (TargetStatus.AT_RISK, TargetStatus.MISSED):
        assert Notification.objects.filter(kind="target_status_changed", recipient=alice).count() == 1


def test_the_dashboard_counts_the_annual_programmes_activities_per_objective(client, alice, strategy):
    from icc.activities.models import EventKind
    from icc.activities.services.programme import programme_item_create

    kind, _created = EventKind.objects.get_or_create(key="study_visit", defaults={"name_en": "Study visit"})
    year = strategy["period"].starts_on.year
    for title in ("Study visit to Lisbon", "Study visit to Oslo"):
        programme_item_create(actor=alice, year=year, title_en=title, kind=kind, objective="expansion")
    client.force_login(alice)
    text = client.get(reverse("programme:dashboard")).content.decode()
    assert "2 activities of the annual programme serve this objective (0 done)." in text


def test_the_gender_figures_come_through_the_shared_counter_with_small_cells_hidden(client, alice, strategy):
    from icc.experts.models import Expert, ExpertStatus

    genders = ["woman"] * 6 + ["man"] * 5 + ["another"]
    for i, gender in enumerate(genders):
        Expert.objects.create(full_name=f"Expert {i}", gender=gender, status=ExpertStatus.ACTIVE)
    Expert.objects.create(full_name="Not active", gender="woman", status=ExpertStatus.INACTIVE)
    client.force_login(alice)
    text = client.get(reverse("programme:dashboard")).content.decode()
    gender = text[text.index("Gender figures of the objective") :]
    assert "<td>6</td>" in gender and "<td>5</td>" in gender
    assert "&lt;5" in gender  # the one person of another gender is not singled out
    assert "50 %" in gender  # 6 women of 12
