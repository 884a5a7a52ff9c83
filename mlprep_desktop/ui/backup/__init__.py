"""Data safety in the UI: automatic backups, File › Restore backup…, Tools › Check database."""
