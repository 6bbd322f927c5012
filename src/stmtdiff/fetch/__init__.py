"""Bringing texts in: the HTTP client, extraction from HTML/PDF/text, `add`."""
