"""News and the newsletter: the records."""
