"""The French interface: a complete catalogue, and French readers reading French pages."""

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from tests.factories import CityFactory

CATALOGUE = Path(settings.BASE_DIR) / "icc" / "locale" / "fr" / "LC_MESSAGES" / "django.po"

# A printf-style placeholder as Python's % operator reads it: %(name)s, %s, %.1f, %% ...
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"line {self.line}: {self.msgid[:70]!r}"


def parse_po(path: Path) -> list[Entry]:
    """A small .po reader, enough for checking the catalogue: entries with flags, ids and strings.

    Obsolete entries (#~) and comments other than flags are skipped; the header is the entry with
    an empty msgid."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None  # which field the continuation lines add to
    pending_flags: set[str] = set()

    def add(text: str) -> None:
        assert current is not None and target is not None
        name, index = target
        value = ast.literal_eval(text)
        if name == "msgstr":
            current.msgstr[index or 0] = current.msgstr.get(index or 0, "") + value
        else:
            setattr(current, name, (getattr(current, name) or "") + value)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            pending_flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            add(line)
            continue
        # An entry starts with msgctxt, or with msgid when no msgctxt has just opened it.
        if keyword == "msgctxt" or (keyword == "msgid" and (target is None or target[0] != "msgctxt")):
            current = Entry(line=number, flags=pending_flags)
            entries.append(current)
            pending_flags = set()
        assert current is not None, f"line {number}: text before the first entry"
        match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
        if match:
            target = ("msgstr", int(match.group(1)))
        elif keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
            target = (keyword, None)
        else:
            raise AssertionError(f"line {number}: cannot read {line!r}")
        add(rest)
    return entries


@pytest.fixture(scope="module")
def catalogue() -> list[Entry]:
    return parse_po(CATALOGUE)


def test_the_catalogue_is_read_whole(catalogue):
    header = [entry for entry in catalogue if entry.msgid == ""]
    assert len(header) == 1
    assert "Language: fr" in header[0].msgstr[0]
    assert len(catalogue) > 700


def test_every_french_string_is_translated(catalogue):
    nplurals = int(
        re.search(r"nplurals=(\d+)", next(e for e in catalogue if e.msgid == "").msgstr[0]).group(1)
    )
    untranslated = []
    for entry in catalogue:
        if entry.msgid == "":
            continue
        expected = range(nplurals) if entry.msgid_plural is not None else range(1)
        if any(not entry.msgstr.get(index) for index in expected):
            untranslated.append(entry.label)
    assert untranslated == [], "untranslated:\n" + "\n".join(untranslated)


def test_no_french_string_is_fuzzy(catalogue):
    fuzzy = [entry.label if entry.msgid else "the header" for entry in catalogue if "fuzzy" in entry.flags]
    assert fuzzy == [], "fuzzy (check the guess, then remove the flag):\n" + "\n".join(fuzzy)


def test_french_strings_keep_their_placeholders(catalogue):
    wrong = []
    for entry in catalogue:
        if "python-format" not in entry.flags:
            continue
        sources = [entry.msgid, entry.msgid_plural or entry.msgid]
        for index, text in entry.msgstr.items():
            source = sources[0] if index == 0 else sources[1]
            if set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(source)):
                wrong.append(f"{entry.label} msgstr[{index}] = {text!r}")
    assert wrong == [], "placeholders differ:\n" + "\n".join(wrong)


@pytest.fixture
def french_reader():
    """A signed-in client reading in French. LocaleMiddleware leaves the request's language active in the
    thread, so English is restored afterwards: later tests must not inherit French."""
    yield french_client
    translation.deactivate()


def french_client(user) -> Client:
    client = Client()
    client.force_login(user)
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/manage/dashboard/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    return client


ENGLISH_NAV = [
    ">Dashboard<",
    ">Cities<",
    ">Accession<",
    ">Fees<",
    ">National networks<",
    ">People<",
    ">Settings<",
    ">Sign out<",
]
FRENCH_NAV = [
    ">Tableau de bord<",
    ">Villes<",
    ">Adhésion<",
    ">Cotisations<",
    ">Réseaux nationaux<",
    ">Personnes<",
    ">Paramètres<",
    ">Se déconnecter<",
]


@pytest.mark.parametrize(
    ("url", "french"),
    [
        (
            "/manage/dashboard/",
            ["Bonjour, Alice", "Le registre", "Cotisations impayées", "Adhésions en cours"],
        ),
        (
            "/manage/cities/",
            ["Villes du registre", "Ajouter une ville", "Membre depuis", "Filtrer", "Membre<"],
        ),
        (
            "/manage/fees/",
            ["Cotisations 20", "Ouvrir une année", "Créer les cotisations de l'année", "Échéance"],
        ),
    ],
)
def test_a_french_reader_reads_french_pages(french_reader, alice, lyon, porto, url, french):
    response = french_reader(alice).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    for text in FRENCH_NAV + french:
        assert text in html, f"{text!r} missing on {url}"
    for text in ENGLISH_NAV:
        assert text not in html, f"English {text!r} left on {url}"


def test_an_english_reader_still_reads_english(as_alice, lyon):
    html = as_alice.get("/manage/cities/").content.decode()
    assert ">Cities<" in html
    assert "Villes du registre" not in html


def test_a_french_reader_reads_country_names_in_french(french_reader, alice):
    CityFactory(country="DE", slug="koln", name_en="Cologne")
    html = french_reader(alice).get("/manage/cities/koln/").content.decode()
    assert "Allemagne" in html
    assert "Germany" not in html
    assert "Informations" in html and "Appartenance au réseau" in html
