"""A control character in an address's parameters is refused with a message naming the parameter, on every
engine (PostgreSQL cannot search for a NUL: a search box used to answer 500 there)."""

import json

import pytest


@pytest.mark.parametrize("path", ["/en/cities/", "/manage/cities/", "/manage/fees/"])
def test_a_nul_in_a_search_is_refused_naming_the_parameter(as_alice, lyon, path):
    response = as_alice.get(path, {"q": "Ly\x00on"})

    assert response.status_code == 400
    text = response.content.decode()
    assert "“q”" in text and "U+0000" in text


def test_the_api_refuses_it_in_its_own_error_shape(client, lyon):
    response = client.get("/api/v1/cities", {"q": "Ly\x00on"})

    assert response.status_code == 400
    error = json.loads(response.content)["error"]
    assert error["fields"][0]["field"] == "q" and "U+0000" in error["message"]


def test_a_french_reader_is_told_in_french(client, lyon):
    response = client.get("/fr/cities/", {"q": "\x01"})

    assert response.status_code == 400
    assert "Le paramètre « q »" in response.content.decode()


def test_an_ordinary_search_still_works(client, lyon):
    response = client.get("/en/cities/", {"q": "Lyon\tcentre"})

    assert response.status_code == 200
