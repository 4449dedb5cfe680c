"""The report charts: SVG that screen readers can name, that reads in greyscale, that inline in one page
without clashing ids, and that is the same bytes for the same data."""

import re
import xml.etree.ElementTree as ET

import pytest

from icc.reports import charts

SVG = "{http://www.w3.org/2000/svg}"
AREAS = ["Commitment", "Education", "Public services", "Language"]


def _areas(chart_id="chart-areas"):
    return charts.area_comparison_chart(
        labels=AREAS,
        series=[
            ("Lyon", [82.0, 66.7, None, 50.0]),
            ("Sample mean", [60.0, 55.0, 48.2, 40.0]),
            ("Peers by population (200k-500k)", [70.0, 58.0, 50.0, 45.0]),
        ],
        title="Lyon: every area against the sample",
        description="Horizontal bars, one group per area.",
        chart_id=chart_id,
    )


def _all_charts():
    return {
        "areas": _areas(),
        "progress": charts.progress_chart(
            labels=AREAS,
            previous=[60.0, 66.7, None, 30.0],
            current=[82.0, 66.7, 50.0, 50.0],
            previous_label="Index 2022",
            current_label="Index 2026",
            title="Lyon: then and now",
            description="Circles then, squares now.",
            chart_id="chart-progress",
        ),
        "distribution": charts.distribution_chart(
            labels=AREAS,
            values=[[10.0, 50.0, 80.0, 90.0], [20.0, 30.0], [], [None, 40.0, 45.0]],
            highlight=[82.0, None, None, 45.0],
            highlight_label="Lyon",
            title="Scores across cities",
            description="One box per area.",
            chart_id="chart-distribution",
        ),
        "line": charts.line_chart(
            x_labels=["2014", "2022", "2026"],
            series=[("Mean", [40.0, 50.0, 55.5]), ("Median", [None, 48.0, 52.0])],
            title="The network over time",
            description="Mean and median aggregate per round.",
            chart_id="chart-line",
        ),
    }


@pytest.mark.parametrize("kind", ["areas", "progress", "distribution", "line"])
def test_every_chart_is_an_image_named_by_its_title_and_description(kind):
    svg = _all_charts()[kind]

    root = ET.fromstring(svg)  # noqa: S314 - our own output
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root[0].tag == f"{SVG}title" and root[0].get("id") == title_id and root[0].text
    assert root[1].tag == f"{SVG}desc" and root[1].get("id") == desc_id and root[1].text
    assert not svg.startswith("<?xml") and "<!DOCTYPE" not in svg  # goes inline in HTML as it is


def test_the_same_data_gives_the_same_bytes_without_dates():
    first, second = _all_charts(), _all_charts()
    assert first == second
    for svg in first.values():
        assert "<metadata" not in svg and "Matplotlib v" not in svg
        assert not re.search(r"20\d\d-\d\d-\d\d", svg)


def test_two_charts_in_one_page_share_no_id():
    one, two = _areas("chart-one"), _areas("chart-two")
    ids_one = set(re.findall(r'\bid="([^"]+)"', one))
    ids_two = set(re.findall(r'\bid="([^"]+)"', two))
    assert ids_one and not ids_one & ids_two
    assert all(i.startswith("chart-one-") for i in ids_one)
    # Every internal reference points at an id of its own chart.
    for ref in re.findall(r"url\(#([^)]+)\)", one) + re.findall(r'xlink:href="#([^"]+)"', one):
        assert ref in ids_one


def test_series_differ_by_hatching_and_values_are_written_not_only_coloured():
    svg = _areas()
    assert svg.count("<pattern") == 2  # the sample and the peers are hatched; the city is solid
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert {"82", "67", "48", "–"} <= set(texts)  # values at the bars' ends; "–" for no value
    assert {"Lyon", "Sample mean", "Commitment", "Public services"} <= set(texts)


def test_text_stays_text_in_a_font_family_with_a_generic_fallback():
    svg = _areas()
    assert "font-family=\"'DejaVu Sans'" in svg and "sans-serif" in svg
    assert "<text" in svg


def test_a_series_of_the_wrong_length_is_refused_with_its_name():
    with pytest.raises(charts.ChartError, match="series 'Sample mean': 2 values for 4 labels"):
        charts.area_comparison_chart(
            labels=AREAS,
            series=[("Lyon", [1.0, 2.0, 3.0, 4.0]), ("Sample mean", [1.0, 2.0])],
            title="t",
            description="d",
            chart_id="bad",
        )


def test_a_chart_id_that_cannot_be_an_id_is_refused():
    with pytest.raises(charts.ChartError, match="chart_id"):
        _areas("two words")


@pytest.mark.parametrize("kind", ["areas", "progress", "distribution", "line"])
def test_a_chart_has_no_inline_style_for_the_content_security_policy_to_block(kind):
    svg = _all_charts()[kind]

    assert " style=" not in svg and "<style" not in svg
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    assert root.get("stroke-linejoin") == "round"  # matplotlib's <style>*{...}</style>, inherited instead
    assert any(el.get("fill") for el in root.iter())
    assert any(el.get("font-family", "").startswith("'DejaVu Sans'") for el in root.iter(f"{SVG}text"))


def test_every_property_matplotlib_writes_becomes_a_presentation_attribute(monkeypatch):
    # Drawn without the conversion: a property outside the list would silently vanish from the charts.
    monkeypatch.setattr(charts, "without_inline_styles", lambda svg: svg)
    written = {
        declaration.split(":", 1)[0].strip()
        for svg in _all_charts().values()
        for style in re.findall(r'style="([^"]*)"', svg)
        for declaration in style.split(";")
        if declaration.strip()
    }
    assert written and written <= charts.PRESENTATION_ATTRIBUTES


def test_a_stored_chart_with_style_attributes_is_converted_on_the_way_to_the_page():
    # Published versions keep the SVG as it was made, matplotlib's inline styles included.
    stored = (
        '<svg role="img" viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg"><defs>'
        '<style type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style></defs>'
        '<path d="M 0 0" clip-path="url(#a)" style="fill: #fff; clip-path: url(#b); stroke-width: 0.5"/>'
        "<text style=\"font-size: 9px; font-family: 'DejaVu Sans', sans-serif\">Lyon</text></svg>"
    )

    page = charts.without_inline_styles(stored)

    assert "style" not in page and "<defs>" not in page
    assert page.startswith(
        '<svg role="img" viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg" '
        'stroke-linejoin="round" stroke-linecap="butt">'
    )
    assert '<path d="M 0 0" clip-path="url(#b)" fill="#fff" stroke-width="0.5"/>' in page
    assert '<text font-size="9px" font-family="\'DejaVu Sans\', sans-serif">Lyon</text>' in page
    assert charts.without_inline_styles(page) == page
