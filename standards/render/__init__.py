"""Presenting results: text for people, JSON and SARIF for programs."""
