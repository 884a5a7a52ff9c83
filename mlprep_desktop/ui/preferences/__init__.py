"""Edit › Preferences: the settings dialog and its parts."""
