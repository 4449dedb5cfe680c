"""The intercultural profiles on a city's public page: what `Profile.objects.public()` lets out (the city
agreed), through the experts app's selector. Each language version is shown where it is published; the
other is marked missing."""

from icc.experts.selectors.profiles import PublicProfile, public_profiles_of_city
from icc.network.models import City


def public_city_profiles(city: City) -> list[PublicProfile]:
    return public_profiles_of_city(city.pk)
