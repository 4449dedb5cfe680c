"""The history shows changes only: a save that changes nothing writes no row, whichever channel saved."""

from icc.core.history import history_entries
from icc.network.services.cities import city_update


def test_a_change_that_changes_nothing_writes_no_history_row(alice, lyon):
    city_update(city=lyon, by=alice, population=530_000)
    rows = lyon.history.count()

    city_update(city=lyon, by=alice, population=530_000, region=lyon.region)

    assert lyon.history.count() == rows
    assert history_entries(lyon)[0].changes[0].new == "530000"


def test_a_real_change_after_an_empty_one_is_recorded(alice, lyon):
    city_update(city=lyon, by=alice, population=lyon.population)
    rows = lyon.history.count()

    city_update(city=lyon, by=alice, population=(lyon.population or 0) + 1)
    city_update(city=lyon, by=alice, region="Rhône")

    assert lyon.history.count() == rows + 2
    assert [c.new for c in history_entries(lyon)[0].changes] == ["Rhône"]


def test_the_form_saving_the_same_values_adds_no_history_row(as_alice, lyon):
    rows = lyon.history.count()
    page = as_alice.get(f"/manage/cities/{lyon.slug}/edit/")
    assert page.status_code == 200
    form = page.context["form"]
    data = {
        name: ("" if value is None else value)
        for name, value in ((n, form[n].value()) for n in form.fields)
        if value is not False
    }

    answer = as_alice.post(f"/manage/cities/{lyon.slug}/edit/", data)

    assert answer.status_code == 302, getattr(answer, "context", {}) and answer.context["form"].errors
    assert lyon.history.count() == rows
