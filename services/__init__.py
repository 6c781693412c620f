"""The domain: one module per capability, no Qt. The window and the command line both call these."""
