"""What the linter reports (a Finding) and the template section a finding may be about."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from rolemap.models import Span

SEVERITIES = ("error", "warning", "info")
_ITEM_SPLIT = re.compile(r"(?<=[.!?;])(?=[A-Z])|\n")
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦]|\d{1,2}[.)])\s+")


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    start: int
    end: int
    message: str
    fix: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Section:
    id: str
    heading: Span
    end: int

    def items(self, text: str) -> list[Span]:
        """The section's lines, bullets and glued sentences ("…Go.Strong experience…") as items."""
        body_start = self.heading.end
        out = []
        pos = body_start
        for piece in _ITEM_SPLIT.split(text[body_start : self.end]):
            start = pos
            pos += len(piece) + (1 if text[pos + len(piece) : pos + len(piece) + 1] == "\n" else 0)
            stripped = piece.strip()
            if len(stripped) < 3:
                continue
            lead = len(piece) - len(piece.lstrip())
            bullet = _BULLET.match(piece)
            first = start + (bullet.end() if bullet else lead)
            out.append(Span(first, start + len(piece.rstrip()), text[first : start + len(piece.rstrip())]))
        return out
