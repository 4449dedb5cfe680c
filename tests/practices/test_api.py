from tests.practices.helpers import draft, published_practice


def test_the_api_lists_published_practices_with_count_and_items(bob, alice, lyon, client):
    published_practice(bob, alice, lyon)
    draft(bob, lyon, title_en="Not yet")
    answer = client.get("/api/v1/practices")
    assert answer.status_code == 200
    document = answer.json()
    assert document["count"] == 1
    item = document["items"][0]
    assert item["city"]["slug"] == "lyon"
    assert item["title"]["en"] == "Anti-rumour agents in every district"
    assert item["url"].endswith(f"/en/practices/{item['id']}/")


def test_the_api_filters_by_area_country_and_question(bob, alice, dave, lyon, porto, client):
    published_practice(bob, alice, lyon, areas=["education"], questions=["education.mixing_programmes"])
    published_practice(dave, alice, porto, areas=["media"], questions=[])
    assert client.get("/api/v1/practices?area=media").json()["count"] == 1
    assert client.get("/api/v1/practices?country=pt").json()["items"][0]["city"]["slug"] == "porto"
    by_question = client.get("/api/v1/practices?question=education.mixing_programmes").json()
    assert [i["city"]["slug"] for i in by_question["items"]] == ["lyon"]
    assert client.get("/api/v1/practices?question=unknown.question").json()["count"] == 0
