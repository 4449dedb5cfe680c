"""Charts of the public site and of the reports: long labels wrap instead of being cut, the public charts
are narrow enough to keep 12 px text on a phone, and a chart's accessible title names the city."""

import csv
import io
import re
from html import unescape

from icc.core.templatetags.charts import STACKED_WIDTH, bar_chart_geometry
from icc.index.models import ResponseScore, RoundStatus
from icc.index.services.publication import round_results_publish
from icc.index.services.rounds import round_change_status
from icc.index.structure import structure_of
from icc.reports import charts
from tests.public.test_city_pages import _page, anonymous_client, world_fixture  # noqa: F401

LONG = "Mediation and conflict resolution in the city administration"


def test_a_long_label_wraps_over_lines_and_keeps_every_word():
    for stacked in (False, True):
        chart = bar_chart_geometry([(LONG, 40), ("Education", 60)], stacked=stacked)
        lines = [text for text, _y in chart.bars[0].lines]
        assert len(lines) > 1 and " ".join(lines) == LONG
        assert not any("…" in text for text in lines)
        # Lines go down the page, and the next bar starts below the last line of this label.
        ys = [y for _text, y in chart.bars[0].lines]
        assert ys == sorted(ys) and chart.bars[1].y > ys[-1]


def test_a_stacked_chart_puts_labels_above_bars_in_a_phone_wide_drawing():
    chart = bar_chart_geometry([(LONG, 100)], stacked=True)
    assert chart.width == STACKED_WIDTH <= 320
    bar = chart.bars[0]
    assert bar.lines[-1][1] < bar.y  # the label above its bar
    assert bar.value_x <= chart.width  # the value inside the drawing


def test_report_charts_wrap_long_area_names_instead_of_cutting_them():
    svg = charts.area_comparison_chart(
        labels=[LONG, "Education"],
        series=[("Lyon", [50, 60]), ("Sample mean", [40, 55])],
        title="Lyon",
        description="Bars",
        chart_id="chart-areas",
    )
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)
    assert "…" not in svg
    assert "Mediation and conflict resolution" in texts and "in the city administration" in texts


def test_the_chart_of_a_city_page_names_the_city_and_wraps(anonymous, world):
    for language, expected in (
        ("en", f"Area scores of Lyon, {world.round.name} (0 to 100)"),
        ("fr", f"Scores par domaine de Lyon, {world.round.name} (de 0 à 100)"),
    ):
        page = _page(anonymous, f"/{language}/cities/lyon/")
        titles = [unescape(t) for t in re.findall(r'<title id="areas-[^"]*-title">([^<]*)</title>', page)]
        assert titles == [expected], titles
        assert "bar-chart-stacked" in page and "…" not in page


def test_each_city_chart_offers_its_data_and_its_image(anonymous, world):
    base = f"/en/cities/lyon/areas-{world.round.pk}"
    page = _page(anonymous, "/en/cities/lyon/")
    for fmt in ("csv", "svg", "png"):
        assert f'href="{base}.{fmt}" download' in page

    data = anonymous.get(f"{base}.csv")
    assert data.status_code == 200 and "attachment" in data["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(data.content.decode("utf-8-sig"))))
    assert rows[0] == ["Area", "Lyon", "Average of the 2 published cities"]
    stored = ResponseScore.objects.get(response=world.lyon).scores["areas"]
    # In the questionnaire's order (a JSON column on PostgreSQL keeps its keys in its own order).
    order = [area.id for area in structure_of(world.round.questionnaire).areas if area.id in stored]
    assert [float(r[1]) for r in rows[1:]] == [round(stored[area], 1) for area in order]

    svg = anonymous.get(f"{base}.svg")
    text = svg.content.decode()
    assert svg["Content-Type"].startswith("image/svg+xml") and text.startswith("<?xml")
    # The city and the average each in the legend, the accessible title naming the city.
    assert f"Area scores of Lyon, {world.round.name} (0 to 100)" in text
    assert ">Lyon</text>" in text and ">Average of the 2 published cities</text>" in text

    png = anonymous.get(f"{base}.png")
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")


def test_chart_downloads_obey_the_publication_rules(anonymous, world):
    # Porto refused to publish, the later round is not published, "pdf" is no format we offer.
    for url in (
        f"/en/cities/porto/areas-{world.round.pk}.csv",
        f"/en/cities/lyon/areas-{world.later.pk}.svg",
        f"/en/cities/lyon/areas-{world.later.pk}.png",
        f"/en/cities/lyon/areas-{world.round.pk}.pdf",
    ):
        assert anonymous.get(url).status_code == 404, url


def test_a_city_chart_marks_the_average_apart_from_the_city_with_a_legend(anonymous, world):
    page = _page(anonymous, "/en/cities/lyon/")

    chart = re.search(r'<figure class="chart">(.*?)</figure>', page, re.S)
    assert chart
    legend = re.findall(r"</svg> ([^<]+)</li>", chart.group(1))
    assert [item.strip() for item in legend] == ["Lyon", "Average of published cities"]
    # One average mark per area, drawn as a line across the bar (a shape, not only a colour).
    stored = ResponseScore.objects.get(response=world.lyon).scores["areas"]
    assert chart.group(1).count('<line class="mark"') == len(stored) + 1  # + the legend's key
    assert "(Average of published cities: " in chart.group(1)  # in the chart's description


def test_a_mark_is_placed_on_the_bars_scale():
    chart = bar_chart_geometry([("A", 50, 25), ("B", 100, None)], stacked=True)
    a, b = chart.bars
    assert a.mark == 25 and b.mark is None and b.mark_x is None
    assert a.mark_x == round(chart.bar_x + (a.width / 50) * 25, 1)
    assert a.mark_top < a.y < a.mark_bottom


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_progress_chart_offers_its_data_and_its_image(anonymous, world, alice):
    # One published round: no progress, no downloads.
    assert anonymous.get("/en/cities/lyon/progress.csv").status_code == 404
    round_change_status(round=world.later, status=RoundStatus.CLOSED, by=alice)
    round_results_publish(round=world.later, by=alice)

    page = _page(anonymous, "/en/cities/lyon/")
    for fmt in ("csv", "svg", "png"):
        assert f'href="/en/cities/lyon/progress.{fmt}" download' in page
    rows = _csv(anonymous.get("/en/cities/lyon/progress.csv"))
    assert rows[0] == ["Score", world.round.name, world.later.name]  # oldest first, as on the page
    assert rows[1][0] == "Aggregate"
    assert rows[1][1:] == [
        world.text(world.lyon).replace(",", "."),
        world.text(world.later_lyon).replace(",", "."),
    ]
    stored = ResponseScore.objects.get(response=world.later_lyon).scores["areas"]
    assert len(rows) == 2 + len(stored)  # the aggregate, then each area of the newest round

    svg = anonymous.get("/en/cities/lyon/progress.svg")
    text = svg.content.decode()
    assert svg["Content-Type"].startswith("image/svg+xml") and text.startswith("<?xml")
    assert "Scores of Lyon in each published round" in text
    assert f">{world.round.name}</text>" in text and f">{world.later.name}</text>" in text
    png = anonymous.get("/en/cities/lyon/progress.png")
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
    # In French, the same file speaks French.
    fr = _csv(anonymous.get("/fr/cities/lyon/progress.csv"))
    assert fr[0][0] == "Score" and fr[1][0] != "Aggregate"
    assert (
        "Scores de Lyon dans chaque campagne publiée"
        in anonymous.get("/fr/cities/lyon/progress.svg").content.decode()
    )

    # A city that refused publication, an unknown format: nothing.
    for url in (
        "/en/cities/porto/progress.csv",
        "/en/cities/lyon/progress.pdf",
        "/en/cities/nowhere/progress.svg",
    ):
        assert anonymous.get(url).status_code == 404, url


def test_each_compare_chart_offers_its_data_and_its_image(anonymous, world):
    query = f"cities=lyon,reggio-emilia&round={world.round.pk}"
    page = _page(anonymous, f"/en/compare/?{query}")
    charts_shown = page.count('<div class="chart-cell">')
    assert charts_shown > 1
    for fmt in ("csv", "svg", "png"):
        links = re.findall(
            rf'href="/en/compare/chart-(\d+)\.{fmt}\?{re.escape(query.replace("&", "&amp;"))}" download', page
        )
        assert len(set(links)) == charts_shown

    # A chart's figures are its row of the compare table, city by city (the rank, not drawn, has no chart).
    first = int(links[0])
    table = _csv(anonymous.get(f"/en/compare.csv?{query}"))
    row = table[first + 1]
    rows = _csv(anonymous.get(f"/en/compare/chart-{first}.csv?{query}"))
    assert rows[0] == ["City", row[0]]
    assert [r[0] for r in rows[1:]] == table[0][1:]  # Lyon, Reggio Emilia, the average
    assert [r[1] for r in rows[1:]] == row[1:]
    assert "Lyon" in rows[1][0] and "Reggio Emilia" in rows[2][0]

    svg = anonymous.get(f"/en/compare/chart-{first}.svg?{query}")
    text = svg.content.decode()
    assert svg["Content-Type"].startswith("image/svg+xml") and text.startswith("<?xml")
    assert f"{row[0]}, {world.round.name}" in unescape(text)
    png = anonymous.get(f"/en/compare/chart-{links[-1]}.png?{query}")
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
    assert "compare-lyon-reggio-emilia-" in png["Content-Disposition"]


def test_compare_chart_downloads_obey_the_publication_rules(anonymous, world):
    # Porto refused to publish, the later round is not published, no such chart, "pdf" is no format we offer.
    for url in (
        f"/en/compare/chart-1.csv?cities=lyon,porto&round={world.round.pk}",
        f"/en/compare/chart-1.svg?cities=lyon,reggio-emilia&round={world.later.pk}",
        f"/en/compare/chart-1.png?city=porto&peer=population&round={world.round.pk}",
        f"/en/compare/chart-0.csv?cities=lyon,reggio-emilia&round={world.round.pk}",  # the rank: not drawn
        f"/en/compare/chart-99.csv?cities=lyon,reggio-emilia&round={world.round.pk}",
        f"/en/compare/chart-1.pdf?cities=lyon,reggio-emilia&round={world.round.pk}",
    ):
        response = anonymous.get(url)
        assert response.status_code == 404, url
        assert b"Porto" not in response.content
