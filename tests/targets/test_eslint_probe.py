"""Which rules ESLint's probe tries, per language."""

from __future__ import annotations

from standards.targets.eslint import probe
from standards.targets.eslint.catalog import Rule

KNOWN = {
    "max-params": Rule("max-params", False, False, None),
    "@typescript-eslint/max-params": Rule(
        "@typescript-eslint/max-params", False, False, "max-params"
    ),
    "no-unused-vars": Rule("no-unused-vars", False, False, None),
    "@typescript-eslint/no-unused-vars": Rule(
        "@typescript-eslint/no-unused-vars", False, False, "no-unused-vars"
    ),
}


def test_an_extension_of_a_measured_size_rule_is_no_candidate() -> None:
    """Outline's config had `max-params` at its learned 5 and, beside it,
    `@typescript-eslint/max-params` at its default 3, which the planted 6 broke twice
    and a function of 4 parameters would break."""
    typescript = probe._candidates(KNOWN, "typescript")
    assert "@typescript-eslint/no-unused-vars" in typescript and "no-unused-vars" not in typescript
    assert "@typescript-eslint/max-params" not in typescript
    assert set(probe._candidates(KNOWN, "javascript")) == {"max-params", "no-unused-vars"}
