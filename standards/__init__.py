"""Learn the rules a codebase already follows and turn them into checks that run by themselves."""

__version__ = "0.1.0"
