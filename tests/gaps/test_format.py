"""The gap format is refused whole, with every problem's row, column and fix (icc.gaps.format)."""

from __future__ import annotations

import pytest

from icc.gaps.format import COLUMNS, FormatProblem, GapFormatError, GapRow, read_gap_csv, validate_gap_rows

HEADER = ",".join(COLUMNS)
GOOD = [
    "Lyon,employment_rate,1,2024,native_born,reference,2892,4120",
    "Lyon,employment_rate,1,2024,foreign_born,focal,472,812",
]


def csv_text(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def problems(text: str) -> list[FormatProblem]:
    with pytest.raises(GapFormatError) as refused:
        read_gap_csv(text)
    return refused.value.problems


def where(text: str) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.code) for p in problems(text)]


def test_a_good_file_gives_its_rows_with_their_row_numbers():
    rows = read_gap_csv(csv_text(*GOOD))
    assert rows == [
        GapRow("Lyon", "employment_rate", 1, "2024", "native_born", "reference", 2892, 4120, 2),
        GapRow("Lyon", "employment_rate", 1, "2024", "foreign_born", "focal", 472, 812, 3),
    ]


def test_a_byte_order_mark_semicolons_spaces_and_blank_lines_are_tolerated():
    text = "\ufeff" + csv_text(
        "Lyon; employment_rate ;1;2024;native_born;Reference;2892;4120",
        ";;;;;;;",
        "Lyon;employment_rate;+1;2024;foreign_born;focal;472;812.0",
        header=";".join(name.upper() for name in COLUMNS),
    )
    rows = read_gap_csv(text)
    assert [(row.indicator, row.role, row.polarity, row.numerator, row.line) for row in rows] == [
        ("employment_rate", "reference", 1, 2892, 2),
        ("employment_rate", "focal", 1, 472, 4),
    ]


def test_spreadsheet_cells_are_checked_the_same_way():
    """A spreadsheet reader gives numbers: the year 2024 as 2024.0 is the period "2024"."""
    rows = validate_gap_rows(
        list(COLUMNS),
        [
            ["Lyon", "employment_rate", 1, 2024.0, "native_born", "reference", 2892, 4120.0],
            ["Lyon", "employment_rate", 1.0, 2024, "foreign_born", "focal", 472.0, 812],
        ],
        first_row=5,
    )
    assert [(row.period, row.numerator, row.denominator, row.line) for row in rows] == [
        ("2024", 2892, 4120, 5),
        ("2024", 472, 812, 6),
    ]
    with pytest.raises(GapFormatError) as refused:
        validate_gap_rows(list(COLUMNS), [["Lyon", "e", 1, 2024, "a", "reference", 10.5, 40]], first_row=5)
    assert [(p.row, p.column) for p in refused.value.problems] == [(5, "numerator")]


def test_an_unknown_column_is_refused_on_the_header_row():
    assert where(csv_text(*(row + ",x" for row in GOOD), header=HEADER + ",source")) == [
        (1, "source", "unknown_column")
    ]


def test_a_missing_column_is_named():
    header = HEADER.replace(",polarity", "")
    rows = [row.replace(",1,", ",", 1) for row in GOOD]
    found = problems(csv_text(*rows, header=header))
    assert [(p.row, p.column, p.code) for p in found] == [(1, "polarity", "missing_column")]
    assert "Add it to the header row" in found[0].message


def test_a_column_given_twice_is_refused():
    assert where(csv_text(*(row + ",1" for row in GOOD), header=HEADER + ",polarity")) == [
        (1, "polarity", "duplicate_column")
    ]


@pytest.mark.parametrize("text", ["", "\ufeff", "\n\n", HEADER + "\n", HEADER + "\n,,,,,,,\n"])
def test_an_empty_file_is_refused(text):
    found = problems(text)
    assert [(p.row, p.code) for p in found] == [(None, "empty_file")]
    assert "header row" in found[0].message


def test_a_key_without_a_reference_is_refused_on_its_first_row():
    found = problems(csv_text(GOOD[1], "Lyon,employment_rate,1,2024,non_eu,focal,300,600"))
    assert [(p.row, p.column, p.code) for p in found] == [(2, "role", "missing_reference")]
    assert "Lyon, employment_rate, 2024 has no reference group" in found[0].message


def test_a_second_reference_is_refused_on_its_row():
    found = problems(csv_text(*GOOD, "Lyon,employment_rate,1,2024,eu_born,reference,700,1000"))
    assert [(p.row, p.column, p.code) for p in found] == [(4, "role", "second_reference")]
    assert "“native_born” on row 2" in found[0].message


def test_a_reference_per_period_and_city_is_no_second_reference():
    rows = read_gap_csv(
        csv_text(
            *GOOD,
            "Lyon,employment_rate,1,2023,native_born,reference,2800,4100",
            "Lyon,employment_rate,1,2023,foreign_born,focal,450,800",
            "Porto,employment_rate,1,2024,native_born,reference,900,1300",
            "Porto,employment_rate,1,2024,foreign_born,focal,100,180",
        )
    )
    assert len(rows) == 6


def test_a_numerator_above_its_denominator_is_refused():
    found = problems(csv_text(GOOD[0], "Lyon,employment_rate,1,2024,foreign_born,focal,813,812"))
    assert [(p.row, p.column, p.code) for p in found] == [(3, "numerator", "numerator_above_denominator")]
    assert "813 is above the denominator 812" in found[0].message


@pytest.mark.parametrize(
    ("numerator", "denominator", "column", "code"),
    [
        ("-1", "812", "numerator", "negative"),
        ("472", "-812", "denominator", "negative"),
        ("47.2", "812", "numerator", "not_integer"),
        ("472", "1,812", "denominator", "not_integer"),
        ("many", "812", "numerator", "not_integer"),
        ("", "812", "numerator", "not_integer"),
        ("0", "0", "denominator", "zero_denominator"),
    ],
)
def test_a_count_that_is_not_a_count_of_people_is_refused(numerator, denominator, column, code):
    row = f'Lyon,employment_rate,1,2024,foreign_born,focal,"{numerator}","{denominator}"'
    # The reference row is fine: its key is not reported as lacking a reference because of the focal row.
    assert where(csv_text(GOOD[0], row)) == [(3, column, code)]


def test_a_count_in_a_spreadsheets_decimal_form_is_accepted():
    rows = read_gap_csv(csv_text(GOOD[0], "Lyon,employment_rate,1,2024,foreign_born,focal,472.00,812"))
    assert rows[1].numerator == 472


@pytest.mark.parametrize("polarity", ["2", "0", "", "higher", "1.5"])
def test_a_polarity_other_than_1_or_minus_1_is_refused(polarity):
    assert where(csv_text(GOOD[0].replace(",1,", f",{polarity},", 1), GOOD[1])) == [
        (2, "polarity", "polarity")
    ]


def test_an_indicator_has_one_polarity_across_the_file():
    found = problems(
        csv_text(
            *GOOD,
            "Porto,employment_rate,-1,2024,native_born,reference,900,1300",
            "Porto,employment_rate,-1,2024,foreign_born,focal,100,180",
        )
    )
    assert [(p.row, p.column, p.code) for p in found] == [
        (4, "polarity", "polarity_differs"),
        (5, "polarity", "polarity_differs"),
    ]
    assert "polarity 1 on row 2 and -1 here" in found[0].message


def test_a_role_other_than_reference_or_focal_is_refused():
    assert where(csv_text(GOOD[0], GOOD[1].replace("focal", "comparison"))) == [(3, "role", "role")]


def test_a_focal_group_twice_for_one_key_is_refused():
    found = problems(csv_text(*GOOD, GOOD[1].replace("472", "470")))
    assert [(p.row, p.column, p.code) for p in found] == [(4, "group", "duplicate_group")]
    assert "already has row 3" in found[0].message


def test_a_group_cannot_be_both_reference_and_focal_for_one_key():
    found = problems(csv_text(*GOOD, "Lyon,employment_rate,1,2024,native_born,focal,2892,4120"))
    assert [(p.row, p.column, p.code) for p in found] == [(4, "group", "group_used_as_both")]
    assert "as the reference" in found[0].message


@pytest.mark.parametrize("column", ["city", "indicator", "period", "group"])
def test_an_empty_name_is_refused(column):
    index = COLUMNS.index(column)
    cells = GOOD[1].split(",")
    cells[index] = " "
    assert where(csv_text(GOOD[0], ",".join(cells))) == [(3, column, "required")]


def test_cells_beyond_the_header_are_refused():
    assert where(csv_text(GOOD[0], GOOD[1] + ",extra")) == [(3, None, "extra_cells")]
    # Trailing separators (empty cells) are no problem.
    assert len(read_gap_csv(csv_text(GOOD[0] + ",,", GOOD[1]))) == 2


def test_a_value_under_a_column_with_no_name_is_refused():
    header = [*COLUMNS, None]
    good = [
        ["Lyon", "e", 1, "2024", "a", "reference", 20, 40, None],
        ["Lyon", "e", 1, "2024", "b", "focal", 20, 40],
    ]
    assert len(validate_gap_rows(header, good)) == 2
    with pytest.raises(GapFormatError) as refused:
        validate_gap_rows(header, [[*good[0][:-1], "note"], good[1]])
    assert [(p.row, p.column, p.code) for p in refused.value.problems] == [(2, None, "extra_cells")]


def test_every_problem_of_the_file_is_listed_in_row_order():
    text = csv_text(
        "Lyon,employment_rate,1,2024,native_born,reference,2892,4120",
        "Lyon,employment_rate,2,2024,foreign_born,focal,913,812",
        "Lyon,employment_rate,1,2024,native_born,reference,100,200",
        "Lyon,unemployment_rate,-1,2024,foreign_born,focal,-3,812",
    )
    found = problems(text)
    assert [(p.row, p.column) for p in found] == [
        (3, "polarity"),
        (3, "numerator"),
        (4, "group"),
        (5, "role"),
        (5, "numerator"),
    ]
    assert str(found[0]).startswith("row 3, column polarity: The polarity “2” must be 1")


def test_a_bad_count_on_the_reference_row_does_not_also_report_a_missing_reference():
    assert where(csv_text(GOOD[0].replace("2892", "2892.5"), GOOD[1])) == [(2, "numerator", "not_integer")]
