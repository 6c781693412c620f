"""Widgets and model/view pieces shared by several tabs."""
