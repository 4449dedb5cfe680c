"""The public site has its language in the address: /en/... and /fr/..., shareable as they are."""

import pytest
from django.test import Client

from tests.factories import CityFactory


@pytest.fixture
def lyon_public(db):
    return CityFactory(name_en="Lyon", name_fr="Lyon", slug="lyon", country="FR")


@pytest.mark.parametrize(("accept", "target"), [("fr", "/fr/cities/lyon/"), ("en", "/en/cities/lyon/")])
def test_an_old_address_redirects_permanently_to_the_readers_language(lyon_public, accept, target):
    response = Client(HTTP_ACCEPT_LANGUAGE=accept).get("/cities/lyon/?x=1")
    assert response.status_code == 301
    assert response["Location"] == target + "?x=1"


def test_a_french_address_shows_french_whatever_the_browser_says(lyon_public):
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get("/fr/cities/lyon/").content.decode()
    assert '<html lang="fr">' in page
    assert "Aller au contenu" in page


def test_the_back_office_and_the_api_keep_their_addresses(lyon_public):
    client = Client()
    assert client.get("/api/v1/cities/lyon").status_code == 200
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/en/manage/dashboard/").status_code == 404


def test_a_page_names_its_canonical_address_its_translations_and_describes_itself(lyon_public):
    page = Client().get("/fr/cities/lyon/?round=1").content.decode()
    assert '<link rel="canonical" href="http://testserver/fr/cities/lyon/?round=1">' in page
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/cities/lyon/?round=1">' in page
    assert '<link rel="alternate" hreflang="fr" href="http://testserver/fr/cities/lyon/?round=1">' in page
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/cities/lyon/?round=1">' in page
    assert '<meta name="description" content="Lyon, une ville du réseau des Cités interculturelles' in page
    listing = Client().get("/fr/cities/").content.decode()
    assert '<meta name="description" content="Le réseau des Cités interculturelles du Conseil' in listing


def test_the_language_switch_keeps_the_page(lyon_public):
    response = Client().post("/i18n/setlang/", {"language": "fr", "next": "/en/cities/lyon/?round=1"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/cities/lyon/?round=1"


def test_the_sitemap_lists_each_page_in_both_languages_with_its_alternates(lyon_public):
    sitemap = Client().get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/en/cities/lyon/</loc>" in sitemap
    assert "<loc>http://testserver/fr/cities/lyon/</loc>" in sitemap
    assert '<xhtml:link rel="alternate" hreflang="fr" href="http://testserver/fr/cities/lyon/"/>' in sitemap
    x_default = '<xhtml:link rel="alternate" hreflang="x-default" href="http://testserver/cities/lyon/"/>'
    assert x_default in sitemap


def test_the_api_docs_are_linked_from_the_public_site_and_link_back(lyon_public):
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    assert 'href="/api/v1/docs"' in client.get("/fr/cities/lyon/").content.decode()
    docs = client.get("/api/v1/docs").content.decode()
    assert '<a href="/fr/">Retour au site public</a>' in docs
