"""Charts of the public site and of the reports: long labels wrap instead of being cut, the public charts
are narrow enough to keep 12 px text on a phone, and a chart's accessible title names the city."""

import csv
import io
import re
from html import unescape

from icc.core.templatetags.charts import STACKED_WIDTH, bar_chart_geometry
from icc.index.models import ResponseScore
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
    assert [float(r[1]) for r in rows[1:]] == [round(v, 1) for v in stored.values()]

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
