"""The Today tab: today's queue, the focused study session, and the progress page."""
