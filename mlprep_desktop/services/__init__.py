"""Use cases that combine the layers for the UI."""
