"""Rendering: Markdown to HTML, code highlighting and offline LaTeX math. No Qt."""
