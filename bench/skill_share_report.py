"""Which skills are found in an unusually large share of postings: a list for a person to read. Not part of
`make test`.

    .venv/bin/python bench/skill_share_report.py [DUMP] [OUT]

DUMP defaults to the whole Hacker News dump (../shared/data/hn_whoishiring_2013_2018, 28k postings); OUT
to bench/out/skill_share_report.md. Every posting is extracted as `rolemap extract` would; for each skill
the share of postings that name it, and a few places it was found. With thousands of names in the
taxonomy, a skill found far more often than a person would expect is usually an everyday word read as a
product ("Enterprise", "Processing"). Flagged, as a reason to look, not a verdict:
  * generated: the skill comes from the open sources only (not the hand layer, which was written from
    the technologies postings ask for most) and is found in at least GENERATED_SHARE of postings;
  * off-topic: a category that backend postings rarely ask for (office, medical, trades) found in
    at least OFF_TOPIC_SHARE;
  * sentence start: most of its places open a sentence or a line, where any word is capitalised.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from rolemap.extract import extract_text
from rolemap.extract.taxonomy import load_taxonomy
from rolemap.text import document_text

ROOT = Path(__file__).resolve().parents[1]
DUMP = ROOT.parent / "shared/data/hn_whoishiring_2013_2018/hn_whoishiring_2013-08_2018-04.jsonl.gz"
OUT = ROOT / "bench/out/skill_share_report.md"
TOP = 60  # the skills with the largest shares, listed whatever their flags
GENERATED_SHARE = 0.0025
OFF_TOPIC_SHARE = 0.001
OFF_TOPIC = frozenset({"business", "other", "trade"})
EXAMPLES = 3


def context(text: str, start: int, end: int, width: int = 45) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"…{left}**{text[start:end]}**{right}…"


def opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" ")
    return not before or before[-1] in ".!?\n:|-•*"


def main(dump: Path = DUMP, out: Path = OUT) -> None:
    taxonomy = load_taxonomy()
    found: Counter[str] = Counter()
    at_start: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    postings = 0
    with gzip.open(dump, "rt", encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            text = document_text("", item.get("text_html") or "")
            record = extract_text(str(item["hn_item_id"]), text)
            postings += 1
            for skill, span in zip(record.skills, record.evidence.get("skills", ()), strict=False):
                found[skill.id] += 1
                at_start[skill.id] += opens_sentence(text, span.start)
                if len(examples[skill.id]) < EXAMPLES:
                    examples[skill.id].append(context(text, span.start, span.end))
    rows = []
    for sid, count in found.most_common():
        entry = taxonomy[sid]
        share = count / postings
        flags = []
        if "hand" not in entry.sources and share >= GENERATED_SHARE:
            flags.append("generated")
        if entry.category in OFF_TOPIC and share >= OFF_TOPIC_SHARE:
            flags.append("off-topic")
        if count >= 20 and at_start[sid] > count / 2:
            flags.append("sentence start")
        rows.append((sid, entry, count, share, flags))
    listed = [r for i, r in enumerate(rows) if i < TOP or r[4]]
    lines = [
        "# Skills by share of postings",
        "",
        f"{postings:,} postings of {dump.name}; {len(found):,} skills found at least once; the top {TOP}",
        "by share, and every flagged skill (see bench/skill_share_report.py for the flags).",
        "",
        "| skill | category | sources | postings | share | flags | where |",
        "|---|---|---|---|---|---|---|",
    ]
    for sid, entry, count, share, flags in listed:
        where = "<br>".join(e.replace("|", "\\|") for e in examples[sid])
        lines.append(
            f"| {sid} | {entry.category} | {','.join(entry.sources)} | {count:,} | {share:.2%} | "
            f"{', '.join(flags)} | {where} |"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    flagged = [r for r in rows if r[4]]
    print(f"{postings:,} postings, {len(found):,} skills found; {len(flagged)} flagged; wrote {out}")
    for sid, _, count, share, flags in flagged:
        print(f"  {sid:<32} {share:7.2%}  {count:6,}  {', '.join(flags)}")


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:3]))
