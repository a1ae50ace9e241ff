"""Lint findings as text (file:line:col), JSON, SARIF 2.1.0 for code-scanning tools, or GitHub Actions
workflow commands (`::error file=…,line=…,col=…::…`, shown as annotations on the lines they name)."""

from __future__ import annotations

import json
from typing import Any

from rolemap import __version__
from rolemap.jd.files import Linted
from rolemap.jd.lint import RULES

FORMATS = ("text", "json", "sarif", "github")
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def as_text(linted: Linted) -> str:
    out = []
    for f in linted.findings:
        line, col = linted.position(f.start, f.end)
        fix = f" (fix: {f.fix})" if f.fix else ""
        out.append(f"{linted.where}:{line}:{col}: {f.severity} [{f.rule}] {f.message}{fix}")
    return "\n".join(out)


def as_json(results: list[Linted]) -> str:
    files = []
    for linted in results:
        findings = []
        for f in linted.findings:
            line, column = linted.position(f.start, f.end)
            findings.append({**f.as_dict(), "line": line, "column": column})
        files.append({"file": linted.where, "findings": findings})
    return json.dumps({"files": files}, indent=1, ensure_ascii=False)


def as_sarif(results: list[Linted]) -> str:
    rule_ids = list(RULES)
    sarif_results: list[dict[str, Any]] = []
    for linted in results:
        for f in linted.findings:
            start_line, start_col, end_line, end_col = linted.region(f)
            sarif_results.append(
                {
                    "ruleId": f.rule,
                    "ruleIndex": rule_ids.index(f.rule),
                    "level": _SARIF_LEVEL[f.severity],
                    "message": {"text": f.message + (f" Fix: {f.fix}" if f.fix else "")},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": linted.where},
                                "region": {
                                    "startLine": start_line,
                                    "startColumn": start_col,
                                    "endLine": end_line,
                                    "endColumn": end_col,
                                },
                            }
                        }
                    ],
                }
            )
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


def as_github(results: list[Linted]) -> str:
    """One workflow command a finding: `::error file=F,line=L,endLine=L,col=C,endColumn=C,title=T::MESSAGE`.
    Values are escaped as the Actions runner reads them (actions/toolkit, command.ts): in the message
    `%`, CR and LF; in the properties also `:` and `,`."""
    lines = []
    for linted in results:
        for f in linted.findings:
            start_line, start_col, end_line, end_col = linted.region(f)
            props = {
                "file": linted.where,
                "line": start_line,
                "endLine": end_line,
                "col": start_col,
                "endColumn": end_col,
                "title": f"rolemap jd lint [{f.rule}]",
            }
            message = f.message + (f" (fix: {f.fix})" if f.fix else "")
            lines.append(
                f"::{_GITHUB_LEVEL[f.severity]} "
                + ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
                + f"::{escape_data(message)}"
            )
    return "\n".join(lines)


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")
