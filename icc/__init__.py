"""The Intercultural Cities platform."""
