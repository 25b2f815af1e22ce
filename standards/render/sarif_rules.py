"""What a SARIF report says about each rule, so code scanning explains it where it shows it.

A standard comes with its sentence, why it matters, what was learned, one example and
one counter-example from the repo, and the command that explains it; a formatter's
finding or a rule of our ESLint plugin comes with the standards behind it. Any other
rule of a tool (ruff, ESLint, mypy) says only what is known: the tool, its code, its
name and the page where the tool documents it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from standards.model import Level, Param, Standard
from standards.targets import custom, prettier
from standards.targets.eslint import checks
from standards.targets.ruff import catalogue
from standards.targets.ruff import formatter as ruff_format
from standards.targets.ruff.run import SYNTAX
from standards.templating import md_inline, md_text

Descriptor = dict[str, Any]

LEVELS = {Level.ENFORCE: "error", Level.ADVISE: "warning"}
SHOWN_ITEMS = 8
SHOWN_CHARS = 200
"""Longer learned values, and rule sentences in a title, are cut here; help has them whole."""
FORMATTERS = frozenset([ruff_format.NAME, prettier.NAME])
"""Tools whose one finding is "not formatted", enforcing `formatting.<language>.formatter`."""
ESLINT_DOCS = {
    "@typescript-eslint/": "https://typescript-eslint.io/rules/{}",
    "@stylistic/": "https://eslint.style/rules/{}",
    "": "https://eslint.org/docs/latest/rules/{}",
}
"""Where ESLint's own rules and its plugins' document each rule (each rule's `meta.docs.url`)."""


def rule_id(tool: str, rule: str) -> str:
    """A standard keeps its id; another tool's rule is prefixed with the tool, so the
    `syntax-error` of ruff and ESLint stay two rules."""
    return rule if tool == custom.NAME else f"{tool}/{rule}"


def descriptor(
    tool: str, rule: str, languages: Sequence[str], standards: Sequence[Standard]
) -> Descriptor:
    """The reportingDescriptor of one rule, as found in files of `languages`."""
    behind = _standards_behind(tool, rule, languages, standards)
    if len(behind) == 1:
        return {**_of_standard(behind[0]), "id": rule_id(tool, rule)}
    found: Descriptor = {
        "id": rule_id(tool, rule),
        "shortDescription": {"text": _cut(_title(tool, rule, behind))},
        "help": {"text": _tool_help(tool, rule, behind, markdown=False)},
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": [tool, *languages]},
    }
    found["help"]["markdown"] = _tool_help(tool, rule, behind, markdown=True)
    if name := _name(tool, rule):
        found["name"] = name
    if uri := _help_uri(tool, rule):
        found["helpUri"] = uri
    return found


def _standards_behind(
    tool: str, rule: str, languages: Sequence[str], standards: Sequence[Standard]
) -> list[Standard]:
    """The standards a finding breaks: the rule's own, or the one a formatter or a
    plugin rule enforces (a plugin rule can serve one standard per folder role)."""
    if tool == custom.NAME:
        return [s for s in standards if s.id == rule]
    if tool in FORMATTERS:
        ids = {prettier.formatter_id(language) for language in languages}
        return [s for s in standards if s.id in ids]
    if tool == "eslint" and rule.startswith("standards/"):
        name = rule.removeprefix("standards/")
        return [s for s in standards if s.language in languages and checks.plugin_rule(s) == name]
    return []


def _of_standard(s: Standard) -> Descriptor:
    return {
        "id": s.id,
        "shortDescription": {"text": _cut(s.rule)},
        "fullDescription": {"text": s.why},
        "help": {"text": _help_text(s), "markdown": _help_markdown(s)},
        "defaultConfiguration": {"level": LEVELS[s.level]},
        "properties": {"tags": [s.category, s.language]},
    }


def _help_text(s: Standard) -> str:
    ev = s.evidence
    lines = [s.rule, "", f"Why: {s.why}"]
    if s.parameters:
        lines += ["", "Learned from this repository:"]
        lines += [f"  {_key(k)}: {_shown(v)}" for k, v in s.parameters.items()]
    lines += ["", f"Followed by {ev.followed} of {ev.total} cases."]
    for title, examples in (("Example", ev.examples), ("Counter-example", ev.counter_examples)):
        lines += [f"{title}: {e.path}:{e.line} {e.detail}" for e in examples[:1]]
    lines += ["", f"All the evidence: standards explain {s.id}"]
    return "\n".join(lines)


def _help_markdown(s: Standard) -> str:
    ev = s.evidence
    parts = [f"**{md_text(s.rule)}**", md_text(s.why)]
    if s.parameters:
        learned = [f"- {md_text(_key(k))}: {md_inline(_shown(v))}" for k, v in s.parameters.items()]
        parts.append("Learned from this repository:\n\n" + "\n".join(learned))
    places = [f"Followed by {ev.followed} of {ev.total} cases."]
    for title, examples in (("Example", ev.examples), ("Counter-example", ev.counter_examples)):
        places += [f"- {title}: {_place(e.path, e.line)} {md_text(e.detail)}" for e in examples[:1]]
    parts.append("\n".join(places))
    parts.append(f"All the evidence: {md_inline(f'standards explain {s.id}')}")
    return "\n\n".join(parts)


def _place(path: str, line: int) -> str:
    return md_inline(f"{path}:{line}")


def _key(key: str) -> str:
    return str(key).replace("_", " ")


def _shown(value: Param) -> str:
    """A learned value on one line for people: lists and tables cut after a few items."""
    if isinstance(value, Mapping):
        items = [f"{k}: {_shown(v)}" for k, v in value.items()]
    elif isinstance(value, tuple | list):
        items = [_shown(v) for v in value]
    else:
        return json.dumps(value) if isinstance(value, bool) else str(value)
    more = len(items) - SHOWN_ITEMS
    return _cut(", ".join(items[:SHOWN_ITEMS]) + (f" and {more} more" if more > 0 else ""))


def _cut(text: str) -> str:
    """`text` as a title: whole when short, else cut with an ellipsis."""
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _title(tool: str, rule: str, behind: Sequence[Standard]) -> str:
    if behind:
        return f"{tool} {rule}: " + "; ".join(s.rule for s in behind)
    if rule == SYNTAX:
        return f"{tool} could not parse the file"
    name = _name(tool, rule)
    return f"{tool} {rule}" + (f" ({name})" if name else "")


def _tool_help(tool: str, rule: str, behind: Sequence[Standard], markdown: bool) -> str:
    """What the tool's rule is and where it is documented; the standards it serves."""
    code = md_inline if markdown else str
    uri = _help_uri(tool, rule)
    title = _title(tool, rule, ())
    lines = [f"{md_text(title) if markdown else title}."]
    if uri:
        lines.append(f"Documented at <{uri}>" if markdown else f"Documented at {uri}")
    for s in behind:
        rule_text = md_text(s.rule) if markdown else s.rule
        lines.append(f"- {rule_text} ({code(f'standards explain {s.id}')})")
    lines.append(f"Checked against the baseline by {code(f'standards check --tool {tool}')}.")
    return "\n\n".join(lines) if markdown else "\n".join(lines)


def _name(tool: str, rule: str) -> str | None:
    """The tool's own name for a rule code, where it has one (ruff's `line-too-long`)."""
    if tool != "ruff" or rule == SYNTAX:
        return None
    found = catalogue.rules().get(rule)
    return found.name if found else None


def _help_uri(tool: str, rule: str) -> str | None:
    """The page where the tool documents the rule; None where it has none we know of."""
    if tool == "ruff" and (name := _name(tool, rule)):
        return f"https://docs.astral.sh/ruff/rules/{name}/"
    if tool != "eslint" or rule == SYNTAX:
        return None
    for prefix, page in ESLINT_DOCS.items():
        name = rule.removeprefix(prefix)
        if rule.startswith(prefix) and "/" not in name:
            return page.format(name)
    return None
