"""The Notebook tab: Markdown notes linked to questions, with preview, history, Trash and export."""
