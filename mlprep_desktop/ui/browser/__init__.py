"""The Browse tab: search, filters, the question table and the question view."""
