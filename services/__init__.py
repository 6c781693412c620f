"""The domain, no Qt: one package per capability, named like the window's tab it serves
(``team``, ``readiness``, ``survey`` for the Data tab, ``focus_groups``, ``priorities``,
``action_plan``, ``overview``), the plan file (``plan``), the sample district (``sample``) and
every printout (``reports``). The modules at this level are shared by all of them: errors, the
district profile, the one small-group rule (``suppression``), stored-value checks, input limits,
resources. The window (``gui/``) and the command line (``cli/``) both call these.
"""
