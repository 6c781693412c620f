"""The Qt window: a thin layer over services/. Each tab lives in its own subpackage."""
