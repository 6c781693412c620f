"""The Overview tab: the district profile and the seven steps with what to do next."""
