"""Ruff: the `ruff` target (`target`), the `ruff-format` target (`formatter`), and what
they learn with.

Nothing is imported with the package: every commit hook imports it for a check, which
runs ruff (`run`) and needs none of the learning.
"""
