import pytest
from django.core.exceptions import ValidationError

from icc.network.models import City
from icc.network.services.cities import city_create, city_update
from tests.conftest import client_for


def test_it_adds_a_city_as_an_enquiry(alice):
    city = city_create(by=alice, name_en="Mannheim", country="de", population=315_000, foreign_born_share=27)
    assert city.status == "enquiry"
    assert city.country == "DE"
    assert city.slug == "mannheim"
    assert city.history.first().history_user == alice


def test_it_refuses_a_duplicate_ignoring_case_and_accents(alice):
    city_create(by=alice, name_en="Genève", country="CH", population=200_000)
    with pytest.raises(ValidationError) as exc:
        city_create(by=alice, name_en="  geneve ", country="CH", population=200_000)
    assert "already in the register" in str(exc.value.message_dict["name_en"])
    assert City.objects.count() == 1


def test_a_name_of_the_longest_allowed_length_makes_a_city_with_a_short_enough_address(alice):
    # 200 characters whose folded and slugified forms are longer than the columns (ligature "ﬀ" -> "ff").
    name = "Saint-" + "ﬀ" * 194
    city = city_create(by=alice, name_en=name, country="FR", population=10_000)
    city.refresh_from_db()
    assert len(city.slug) <= 120 and len(city.name_key) <= 200
    twin = city_create(by=alice, name_en="Sainte-" + "ﬀ" * 193, country="FR", population=10_000)
    assert twin.slug != city.slug


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("population", 0, "positive"),
        ("population", 900_000_000, "implausible"),
        ("foreign_born_share", 120, "less than or equal to 100"),
        ("country", "XX", "not a country code"),
    ],
)
def test_it_names_the_field_and_the_fix_for_bad_figures(alice, field, value, fragment):
    fields = {"name_en": "Testville", "country": "FR", "population": 50_000, field: value}
    with pytest.raises(ValidationError) as exc:
        city_create(by=alice, **fields)
    assert fragment in " ".join(exc.value.message_dict[field])
    assert not City.objects.exists()


def test_a_coordinator_change_is_kept_in_the_history(bob, lyon):
    city_update(city=lyon, by=bob, population=530_000)
    latest = lyon.history.first()
    assert latest.history_user == bob
    assert latest.population == 530_000


def test_the_city_page_shows_the_record(as_alice, lyon):
    response = as_alice.get(f"/manage/cities/{lyon.slug}/")
    assert response.status_code == 200
    assert "Lyon" in response.text and "France" in response.text


def test_a_coordinator_cannot_read_another_city(as_bob, porto):
    assert as_bob.get(f"/manage/cities/{porto.slug}/").status_code == 404


def test_a_coordinator_cannot_move_their_city_into_a_network(as_bob, lyon, rici):
    response = as_bob.post(
        f"/manage/cities/{lyon.slug}/edit/",
        {
            "name_en": "Lyon",
            "name_fr": "Lyon",
            "country": "FR",
            "population": 522000,
            "national_network": rici.pk,
        },
    )
    assert response.status_code == 302
    lyon.refresh_from_db()
    assert lyon.national_network is None


def test_a_network_of_another_country_is_refused(alice, lyon, rici):
    with pytest.raises(ValidationError) as exc:
        city_update(city=lyon, by=alice, national_network=rici)
    assert "another country" in " ".join(exc.value.message_dict["national_network"])


def test_the_new_city_form_reports_every_error_at_once_in_a_summary(as_alice):
    response = as_alice.post(
        "/manage/cities/new/", {"name_en": "", "country": "", "population": "99999999999"}
    )
    assert response.status_code == 200
    page = response.text
    summary = page[page.index("data-error-summary") : page.index("</div>", page.index("data-error-summary"))]
    # Country, name and the implausible population, all in the first answer, each linking to its field.
    assert 'href="#id_country"' in summary
    assert 'href="#id_name_en"' in summary and "Give the city&#x27;s name in English." in summary
    assert 'href="#id_population"' in summary and "implausible" in summary


def test_a_typo_in_the_city_form_keeps_the_title_of_the_city_being_edited(as_alice, lyon):
    response = as_alice.post(f"/manage/cities/{lyon.slug}/edit/", {"name_en": "", "country": "FR"})
    assert response.status_code == 200
    assert "Edit Lyon" in response.text
    assert "Give the city&#x27;s name in English." in response.text


def test_required_fields_say_so_in_their_label_in_english_and_french(as_alice):
    from django.utils import translation

    page = as_alice.get("/manage/cities/new/").text
    name_label = page[page.index('for="id_name_en"') : page.index("</label>", page.index('for="id_name_en"'))]
    assert "(required)" in name_label
    population = page[
        page.index('for="id_population"') : page.index("</label>", page.index('for="id_population"'))
    ]
    assert "(required)" not in population
    with translation.override("fr"):
        page = as_alice.get("/manage/cities/new/", HTTP_ACCEPT_LANGUAGE="fr").text
    assert "(obligatoire)" in page


@pytest.mark.parametrize("person", ["alice", "bob"])
def test_the_long_city_form_is_grouped_and_keeps_every_field(person, request, lyon):
    from icc.network.forms import CityForm

    client = client_for(request.getfixturevalue(person))
    page = client.get(f"/manage/cities/{lyon.slug}/edit/").text
    assert page.count("<fieldset>") >= 4
    assert "<legend>Name and place</legend>" in page and "<legend>Population</legend>" in page
    form = CityForm(instance=lyon, can_see_internal=person == "alice")
    for name in form.fields:
        assert f'name="{name}"' in page
    assert ("<legend>For the secretariat</legend>" in page) == (person == "alice")
