"""The strategy pages as people use them: what each person sees and may do, the refusals shown on the
field, the scorecard, the report card, the public page and the API."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from icc.strategies import services
from icc.strategies.models import Strategy
from tests.conftest import client_for
from tests.strategies.helpers import make_strategy

D = datetime.date


@pytest.fixture
def strategy(lyon, bob, carol):
    return make_strategy(lyon, bob, published=True)


def _indicator(strategy):
    return strategy.results.get().indicators.get()


def test_the_coordinator_creates_a_strategy_for_their_city(bob, lyon, porto):
    response = client_for(bob).post(
        "/strategies/new/",
        {"city": lyon.pk, "title_en": "Lyon, a city for all", "index_areas": ["education"]},
    )
    strategy = Strategy.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/strategies/{strategy.pk}/"
    assert strategy.city == lyon and strategy.index_areas == ["education"]
    refused = client_for(bob).post("/strategies/new/", {"city": porto.pk, "title_en": "Not mine"})
    assert refused.status_code == 200 and "Select a valid choice" in refused.content.decode()


def test_the_strategy_page_shows_results_programmes_and_the_status_form_to_the_coordinator(
    strategy, bob, carol
):
    page = client_for(bob).get(f"/strategies/{strategy.pk}/").content.decode()
    assert "Everyone feels at home" in page and "Neighbourhood mediators" in page
    assert "How much did we do?" in page and "Is anyone better off?" in page
    assert "Change the status" in page
    contributor = client_for(carol).get(f"/strategies/{strategy.pk}/").content.decode()
    assert "Change the status" not in contributor and "Everyone feels at home" in contributor


def test_a_forbidden_status_change_is_refused_with_the_allowed_moves(strategy, bob):
    response = client_for(bob).post(f"/strategies/{strategy.pk}/status/", {"status": "drafting"}, follow=True)
    assert "Cannot go from" in response.content.decode()
    strategy.refresh_from_db()
    assert strategy.status == "implementing"


def test_the_contributor_may_not_change_the_status_or_publish(strategy, carol):
    assert (
        client_for(carol).post(f"/strategies/{strategy.pk}/status/", {"status": "evaluated"}).status_code
        == 403
    )
    assert (
        client_for(carol).post(f"/strategies/{strategy.pk}/publish/", {"published": "0"}).status_code == 403
    )


def test_another_citys_coordinator_does_not_know_the_strategy(strategy, dave):
    assert client_for(dave).get(f"/strategies/{strategy.pk}/").status_code == 404
    assert (
        client_for(dave).post(f"/strategies/{strategy.pk}/status/", {"status": "evaluated"}).status_code
        == 404
    )


def test_the_contributor_adds_a_figure_and_a_duplicate_period_is_refused_on_its_field(strategy, carol):
    indicator = _indicator(strategy)
    url = f"/strategies/{strategy.pk}/series/indicator/{indicator.pk}/points/"
    ok = client_for(carol).post(
        url, {"point-period_label": "2024", "point-period_start": "2024-01-01", "point-value": "53"}
    )
    assert ok.status_code == 302
    again = client_for(carol).post(
        url, {"point-period_label": "2024", "point-period_start": "2024-01-01", "point-value": "54"}
    )
    page = again.content.decode()
    assert again.status_code == 200
    assert "already has a figure for 2024" in page
    assert 'id="id_point-period_start_error"' in page or "errorlist" in page
    bad = client_for(carol).post(
        url, {"point-period_label": "2025", "point-period_start": "2025-01-01", "point-value": "many"}
    )
    assert "is not a number" in bad.content.decode()
    assert indicator.points.count() == 6


def test_a_target_without_a_period_is_refused(strategy, bob):
    indicator = _indicator(strategy)
    response = client_for(bob).post(
        f"/strategies/{strategy.pk}/series/indicator/{indicator.pk}/targets/", {"target-value": "60"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Name the period" in page and "Give the day the period starts" in page


def test_the_indicator_page_shows_the_chart_forecast_and_scorecard(strategy, bob):
    indicator = _indicator(strategy)
    page = client_for(bob).get(f"/strategies/{strategy.pk}/indicators/{indicator.pk}/").content.decode()
    assert "<svg" in page and 'role="img"' in page
    assert "Forecast if nothing changes" in page
    assert "Variance from target" in page and "Change since baseline" in page
    assert "Open three neighbourhood houses" in page


def test_a_short_series_says_there_is_not_enough_data(lyon, bob):
    strategy = make_strategy(lyon, bob, values=(3, 4))
    indicator = _indicator(strategy)
    page = client_for(bob).get(f"/strategies/{strategy.pk}/indicators/{indicator.pk}/").content.decode()
    assert "Not enough data for a forecast" in page


def test_the_scorecard_lists_every_indicator_and_measure(strategy, bob, django_assert_max_num_queries):
    client = client_for(bob)
    with django_assert_max_num_queries(40):
        page = client.get(f"/strategies/{strategy.pk}/scorecard/").content.decode()
    assert "Residents who trust their neighbours" in page and "People trained" in page
    assert "turning the curve" in page


def test_the_scorecard_costs_the_same_queries_with_more_indicators(lyon, bob, django_assert_max_num_queries):
    strategy = make_strategy(lyon, bob)
    result = strategy.results.get()
    for n in range(5):
        indicator = services.indicator_save(
            result=result, data=services.IndicatorData(name_en=f"Indicator {n}"), by=bob
        )
        for year in range(2019, 2024):
            services.point_save(
                indicator=indicator,
                by=bob,
                period_label=str(year),
                period_start=D(year, 1, 1),
                value=year - 2000 + n,
            )
    client = client_for(bob)
    with django_assert_max_num_queries(40):
        assert client.get(f"/strategies/{strategy.pk}/scorecard/").status_code == 200


def test_the_report_card_is_a_tagged_pdf_in_french(strategy, bob):
    response = client_for(bob).get(
        f"/strategies/{strategy.pk}/results/{strategy.results.get().pk}/card.pdf?lang=fr"
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    from pypdf import PdfReader

    assert "/StructTreeRoot" in PdfReader(io.BytesIO(response.content)).trailer["/Root"]
    assert "fr.pdf" in response["Content-Disposition"]


def test_the_public_page_shows_a_published_strategy_only(strategy, bob, lyon, client):
    page = client.get(f"/en/strategies/{lyon.slug}/").content.decode()
    assert "Everyone feels at home" in page and "<svg" in page
    assert f"/en/strategies/{lyon.slug}/" in client.get(f"/en/cities/{lyon.slug}/").content.decode()
    assert f"/strategies/{strategy.pk}/" not in page  # no link into the back office
    services.strategy_publish(strategy=strategy, published=False, by=bob)
    assert client.get(f"/en/strategies/{lyon.slug}/").status_code == 404


def test_the_history_page_shows_the_status_changes(strategy, bob):
    page = client_for(bob).get(f"/strategies/{strategy.pk}/history/").content.decode()
    assert "status changed to implementing" in page


def test_turn_the_curve_fields_link_published_practices_only(strategy, carol):
    indicator = _indicator(strategy)
    response = client_for(carol).post(
        f"/strategies/{strategy.pk}/indicators/{indicator.pk}/curve/",
        {"story": "Trust fell with the crisis", "partners": "Schools", "what_works": "Mediation"},
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.story == "Trust fell with the crisis"


def test_the_forecast_form_is_the_coordinators_and_needs_a_reason(strategy, bob, carol):
    indicator = _indicator(strategy)
    url = f"/strategies/{strategy.pk}/indicators/{indicator.pk}/forecast/"
    assert client_for(carol).get(url).status_code == 403
    refused = client_for(bob).post(url, {"values": "2024: 50"})
    assert "Say why the forecast is set by hand" in refused.content.decode()
    assert (
        client_for(bob).post(url, {"values": "2024: 50", "forecast_note": "Housing crisis"}).status_code
        == 302
    )


def test_an_action_update_from_the_contributor(strategy, carol):
    action = _indicator(strategy).actions.get()
    response = client_for(carol).post(
        f"/strategies/{strategy.pk}/actions/{action.pk}/update/",
        {"status": "in_progress", "on": "2024-02-01", "note": "Started"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "in_progress"


def test_a_versions_document_is_downloaded_by_the_citys_people_only(strategy, bob, dave):
    pdf = SimpleUploadedFile("strategy.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client_for(bob).post(f"/strategies/{strategy.pk}/versions/", {"note": "v2", "file": pdf})
    assert response.status_code == 302, response.content.decode()[:2000]
    document = strategy.versions.get().documents.get()
    url = f"/strategies/{strategy.pk}/documents/{document.pk}/"
    assert client_for(bob).get(url).status_code == 200
    assert client_for(dave).get(url).status_code == 404


def test_the_api_lists_published_strategies_without_a_token(strategy, lyon, client):
    body = client.get(f"/api/v1/strategies?city={lyon.slug}").json()
    items = body["items"] if isinstance(body, dict) else body
    assert [s["id"] for s in items] == [strategy.pk]
    indicator = items[0]["results"][0]["indicators"][0]
    assert [p["period"] for p in indicator["series"]["points"]] == ["2019", "2020", "2021", "2022", "2023"]
    assert indicator["series"]["forecast"][0]["lower"] < indicator["series"]["forecast"][0]["value"]


def test_the_api_hides_unpublished_strategies_from_the_public(lyon, bob, client):
    strategy = make_strategy(lyon, bob)
    body = client.get(f"/api/v1/strategies?city={lyon.slug}").json()
    items = body["items"] if isinstance(body, dict) else body
    assert items == []
    assert client.get(f"/api/v1/strategies/{strategy.pk}").status_code == 404


def test_a_figure_is_corrected_or_removed_from_its_page(strategy, carol):
    point = _indicator(strategy).points.get(period_label="2023")
    url = f"/strategies/{strategy.pk}/points/{point.pk}/"
    assert "Remove this figure" in client_for(carol).get(url).content.decode()
    corrected = client_for(carol).post(
        url, {"point-period_label": "2023", "point-period_start": "2023-01-01", "point-value": "49.5"}
    )
    assert corrected.status_code == 302
    point.refresh_from_db()
    assert point.value == 49.5
    assert client_for(carol).post(url, {"remove": "1"}).status_code == 302
    assert not _indicator(strategy).points.filter(period_label="2023").exists()
