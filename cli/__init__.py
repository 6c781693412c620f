"""The command line: a front end over ``services/``, beside the window in ``gui/``.

``commands`` parses the arguments and runs a command (``main``); ``survey_commands`` holds the
``survey`` actions; ``errors`` the one exception a command reports on one line.
"""
