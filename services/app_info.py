"""The application's name and version, shared by the window, the command line and the files.

APP_VERSION is the one place the version is written: pyproject.toml reads this literal for the
wheel (setuptools' ``attr:``, without importing anything), and the frozen bundle carries this
module, so the version needs no installed package metadata to be found.
"""

APP_NAME = "WellPlan"
APP_VERSION = "0.1.0"
ORGANIZATION = "WellPlan"
# A plan file's ending: here, with the name, because the window and the command line decide what a
# file is before anything that reads plans is loaded.
PLAN_SUFFIX = ".wellplan"
