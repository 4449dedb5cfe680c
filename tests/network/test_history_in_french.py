"""A French reader of the register's history pages reads the reasons in French; what a person typed stays
as they wrote it."""

import datetime

from django.test import Client
from django.urls import reverse

from icc.network.models import City, CityStatus, MembershipPeriod
from icc.network.services.accession import accession_record_step, accession_undo_last_step
from icc.network.services.cities import city_change_status
from icc.network.services.fees import fee_record_payment, fee_reopen, fee_waive, fees_open_year
from icc.network.services.networks import network_add_city
from tests.factories import CityFactory

TODAY = datetime.date.today()
NBSP = "\u00a0"


def _page(user, url: str, language: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_citys_history_reads_in_french(alice, rici):
    city = CityFactory(name_en="Modena", slug="modena", country="IT", status=CityStatus.ENQUIRY)
    accession_record_step(city=city, step="application_received", date=TODAY, by=alice)
    network_add_city(network=rici, city=city, by=alice)
    city_change_status(
        city=city, status=CityStatus.WITHDRAWN, by=alice, reason="Lettre du maire & du conseil"
    )

    url = reverse("network:city_history", args=[city.slug])
    french = _page(alice, url, "fr")
    assert f"adhésion{NBSP}: candidature reçue" in french
    assert "a rejoint un réseau national" in french
    assert "Réseau italien des cités interculturelles" in french  # the change of its network
    assert f"statut{NBSP}: Retirée (Lettre du maire &amp; du conseil)" in french
    english = _page(alice, url, "en")
    assert "accession: application received" in english
    assert "status: Withdrawn (Lettre du maire &amp; du conseil)" in english


def test_a_fees_history_reads_in_french(alice, lyon):
    fees_open_year(year=TODAY.year, by=alice)
    period = MembershipPeriod.objects.get(city=lyon, year=TODAY.year)
    fee_record_payment(period=period, by=alice, paid_on=TODAY)
    fee_reopen(period=period, by=alice, reason="Paiement saisi pour la mauvaise ville")
    fee_waive(period=period, by=alice, reason="Gel budgétaire après les inondations")

    french = _page(alice, reverse("network:fee_edit", args=[period.pk]), "fr")
    assert f"cotisations ouvertes pour {TODAY.year}" in french
    assert f"paiement enregistré ({TODAY.isoformat()})" in french
    assert f"réouverture{NBSP}: Paiement saisi pour la mauvaise ville" in french
    assert f"exonération{NBSP}: Gel budgétaire après les inondations" in french
    assert "payment recorded" not in french and "waived:" not in french


def test_an_undone_accession_step_reads_in_french_on_the_accession_page(alice):
    city = CityFactory(name_en="Tampere", slug="tampere", country="FI", status=CityStatus.ENQUIRY)
    accession_record_step(city=city, step="application_received", date=TODAY, by=alice)
    accession_undo_last_step(
        city=City.objects.get(pk=city.pk), by=alice, reason="Saisie pour une autre ville"
    )

    french = _page(alice, reverse("network:accession_record", args=[city.slug]), "fr")
    assert f"étape «{NBSP}Candidature reçue{NBSP}» annulée{NBSP}: Saisie pour une autre ville" in french
    history = _page(alice, reverse("network:city_history", args=[city.slug]), "fr")
    assert f"étape «{NBSP}Candidature reçue{NBSP}» annulée{NBSP}: Saisie pour une autre ville" in history
