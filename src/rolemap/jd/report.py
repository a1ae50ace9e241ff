"""Lint findings as text (file:line:col), JSON, or SARIF 2.1.0 for code-scanning tools."""

from __future__ import annotations

import json
from bisect import bisect_right
from typing import Any

from rolemap import __version__
from rolemap.jd.lint import RULES, Finding

_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


class Lines:
    """Offsets → 1-based line and column."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def as_text(where: str, text: str, findings: list[Finding]) -> str:
    lines = Lines(text)
    out = []
    for f in findings:
        line, col = lines.at(f.start)
        fix = f" (fix: {f.fix})" if f.fix else ""
        out.append(f"{where}:{line}:{col}: {f.severity} [{f.rule}] {f.message}{fix}")
    return "\n".join(out)


def as_json(results: list[tuple[str, str, list[Finding]]]) -> str:
    files = []
    for where, text, findings in results:
        lines = Lines(text)
        files.append(
            {
                "file": where,
                "findings": [
                    {**f.as_dict(), "line": lines.at(f.start)[0], "column": lines.at(f.start)[1]}
                    for f in findings
                ],
            }
        )
    return json.dumps({"files": files}, indent=1, ensure_ascii=False)


def as_sarif(results: list[tuple[str, str, list[Finding]]]) -> str:
    rule_ids = list(RULES)
    sarif_results: list[dict[str, Any]] = []
    for where, text, findings in results:
        lines = Lines(text)
        for f in findings:
            (start_line, start_col), (end_line, end_col) = lines.at(f.start), lines.at(max(f.end, f.start))
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": rule_ids.index(f.rule),
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.message + (f" Fix: {f.fix}" if f.fix else "")},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": where},
                            "region": {
                                "startLine": start_line,
                                "startColumn": start_col,
                                "endLine": end_line,
                                "endColumn": max(end_col, start_col),
                            },
                        }
                    }
                ],
            }
            sarif_results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "rolemap jd lint",
                        "version": __version__,
                        "informationUri": "https://github.com/rolemap/rolemap",
                        "rules": [{"id": r, "shortDescription": {"text": d}} for r, d in RULES.items()],
                    }
                },
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(doc, indent=1, ensure_ascii=False)
