"""The Interview tab: set-up, a timed mock interview, review and summary, and the history."""
