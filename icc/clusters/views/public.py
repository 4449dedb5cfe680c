"""The learning clusters on the public site (/en/clusters/, /fr/clusters/): the launched clusters with their
theme, its Index areas and their member cities, and the policy lab's calls open now (each with its public
application page). The same rule as the API: `LearningCluster.objects.public()`."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from icc.clusters import selectors
from icc.network.models import City


def cluster_list(request: HttpRequest) -> HttpResponse:
    clusters = list(selectors.public_clusters().order_by("-starts_on", "-pk"))
    public_ids = set(
        City.objects.public()
        .filter(pk__in={m.city_id for c in clusters for m in c.members.all()})
        .values_list("pk", flat=True)
    )
    rows = [
        {
            "cluster": cluster,
            "areas": [title for _key, title in selectors.theme_area_titles(cluster.theme)],
            "mentors": [m.city for m in cluster.members.all() if m.role == "mentor"],
            "learners": [m.city for m in cluster.members.all() if m.role == "learner"],
        }
        for cluster in clusters
    ]
    return render(
        request,
        "clusters/public/list.html",
        {"rows": rows, "public_ids": public_ids, "calls": list(selectors.open_calls())},
    )
