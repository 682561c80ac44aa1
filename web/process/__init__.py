"""The case as a process (issue 13): stages, key dates, deadlines, the deadlines page and CLI.

The rules themselves (which stages, letters and deadlines a policy has) live in forms/process;
this package records what happened on a case and works out what is due from it.
"""
