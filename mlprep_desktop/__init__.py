"""MLPrep Desktop: an offline desktop app for machine-learning interview practice."""

__version__ = "0.1.0"
APP_NAME = "MLPrep Desktop"
