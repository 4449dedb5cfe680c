"""French terminology is one glossary (docs/glossary.md): one word for each term in the whole catalogue."""

import re
from pathlib import Path

from babel.messages.pofile import read_po

import icc

CATALOGUE = Path(icc.__file__).parent / "locale" / "fr" / "LC_MESSAGES" / "django.po"
# The words the glossary refuses, with the word it chose.
REFUSED = {
    r"\b[lL]['’]Index\b|\bIndex (des|de la)\b": "Indice",
    r"\bcycles?\b": "campagne",
    r"\bVilles interculturelles\b": "Cités interculturelles",
}


def test_every_french_translation_uses_the_glossarys_words():
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    offending = []
    for message in catalogue:
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in texts:
            for pattern, chosen in REFUSED.items():
                if text and re.search(pattern, text):
                    offending.append(f"{message.id!r}: {text!r} (say {chosen!r})")
    assert not offending, "\n".join(offending)
