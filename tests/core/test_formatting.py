from decimal import Decimal

from django.utils import translation

from icc.core.templatetags.icc import num, pct


def test_numbers_are_rounded_not_cut():
    assert num(66.67, 1) == "66.7"
    assert num(Decimal("4999.996"), 2) == "5,000.00"


def test_numbers_follow_the_reader_s_language():
    with translation.override("fr"):
        assert num(522000) == "522\xa0000"
        assert pct(12.5) == "12,5 %"
