"""The application's name and version, shared by the window, the command line and the files."""

APP_NAME = "WellPlan"
APP_VERSION = "0.1.0"
ORGANIZATION = "WellPlan"
