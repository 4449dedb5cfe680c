"""A published round's statistical audit on the public site (/data/<round>/audit/) and as a PDF annex
(/data/<round>/audit.pdf, and the secretariat's at /reports/network/rounds/<round>/audit.pdf): the audit's
statistics over the whole round, naming only the cities that agreed to publication (Porto refused)."""

import io

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from icc.index.services.publication import response_publication_decide
from tests.conftest import client_for

HEADLINE = "over 2 cities, with 1000 random weightings from seed 0"


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def test_the_audit_of_a_published_round_is_a_public_page(published):
    lyon, _porto = published
    page = Client().get(f"/en/data/{lyon.round_id}/audit/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Statistical audit: Index 2026" in text and HEADLINE in text
    for heading in ("Data checks", "Correlations between areas", "Consistency", "Sensitivity of the ranks"):
        assert heading in text
    assert "Equal weights" in text and "Geometric mean" in text
    assert reverse("public:data_round_audit_pdf", args=[lyon.round_id]) in text


def test_the_public_audit_never_names_a_city_that_refused_publication(published, alice):
    lyon, _porto = published
    # The secretariat's page lists Porto among the least complete responses; the public page does not.
    secretariat = client_for(alice).get(reverse("index:round_audit", args=[lyon.round_id])).content.decode()
    assert "Porto" in secretariat
    for language in ("en", "fr"):
        assert "Porto" not in Client().get(f"/{language}/data/{lyon.round_id}/audit/").content.decode()


def test_a_city_that_agrees_later_is_named_in_the_public_audit(published, alice):
    lyon, porto = published
    url = f"/en/data/{lyon.round_id}/audit/"
    assert "Porto" not in Client().get(url).content.decode()
    response_publication_decide(response=porto, agreed=True, by=alice)
    cache.clear()
    assert "Porto" in Client().get(url).content.decode()


def test_an_unpublished_round_has_no_public_audit_even_for_the_secretariat(scored, alice):
    lyon, _porto = scored
    for client in (Client(), client_for(alice)):
        assert client.get(f"/en/data/{lyon.round_id}/audit/").status_code == 404
        assert client.get(f"/en/data/{lyon.round_id}/audit.pdf").status_code == 404
    assert Client().get("/en/data/999999/audit/").status_code == 404


def test_a_french_reader_reads_the_public_audit_in_french(published):
    lyon, _porto = published
    text = Client().get(f"/fr/data/{lyon.round_id}/audit/").content.decode()
    assert "Audit statistique : Index 2026" in text.replace("\u00a0", " ")
    assert "Les contrôles des données" in text and "Pondérations égales" in text


def test_the_open_data_page_and_the_rankings_link_to_the_audit(published):
    lyon, _porto = published
    audit_url = reverse("public:data_round_audit", args=[lyon.round_id])
    assert audit_url in Client().get("/en/data/").content.decode()
    rankings = Client().get(f"/en/rankings/?round={lyon.round_id}").content.decode()
    assert audit_url in rankings and "How robust is this ranking?" in rankings


def test_the_public_pdf_annex_holds_the_headline_figures_and_only_published_cities(published):
    lyon, _porto = published
    response = Client().get(f"/en/data/{lyon.round_id}/audit.pdf")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="index-2026-audit.pdf"'
    text = " ".join(pdf_text(response).split())
    assert "Statistical audit: Index 2026" in text and HEADLINE in text
    assert "Annex to the round's published results" in text
    # The headline figures of the stored audit: the choices' mean rank shifts, each area's correlation row.
    assert "Equal weights 0.00 0" in text and "Geometric mean 0.00 0" in text
    assert "Porto" not in text


def test_the_public_pdf_is_made_once_and_revalidated_by_its_etag(published):
    lyon, _porto = published
    url = f"/en/data/{lyon.round_id}/audit.pdf"
    first = Client().get(url)
    again = Client().get(url)
    assert again.content == first.content  # from the cache: the same bytes, the same generation date
    assert Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    french = Client().get(f"/fr/data/{lyon.round_id}/audit.pdf")
    assert "Audit statistique" in pdf_text(french)


def test_the_secretariat_downloads_the_whole_audit_as_a_pdf(scored, alice, bob):
    lyon, _porto = scored  # not published: the secretariat's annex names every city
    url = reverse("reports:round_audit_pdf", args=[lyon.round_id])
    assert url in client_for(alice).get(reverse("index:round_audit", args=[lyon.round_id])).content.decode()
    text = " ".join(pdf_text(client_for(alice).get(url)).split())
    assert HEADLINE in text and "Porto" in text and "for the secretariat only" in text
    assert client_for(bob).get(url).status_code == 403


def test_the_public_methodology_explains_the_audit_in_both_languages(db):
    english = Client().get("/en/methodology/").content.decode()
    french = Client().get("/fr/methodology/").content.decode().replace("\u00a0", " ")
    assert '<h2 id="audit">14. The statistical audit of a round</h2>' in english
    assert "S = Var(E[rank | input]) ÷ Var(rank)" in english and 'href="/en/data/"' in english
    assert "14. L'audit statistique d'une campagne" in french.replace("&#x27;", "'")
    assert "Chacun peut refaire l" in french and "icc index audit --questionnaire" in french
