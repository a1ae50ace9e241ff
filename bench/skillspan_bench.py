"""Skills against SkillSpan: Stack Overflow Jobs postings of 2020-2021 (another source and other years than
rolemap's samples), whose technologies people marked by hand as KNOWLEDGE spans (and abilities as SKILL
spans). Not part of `make test`; nothing here was used to write a rule.

    .venv/bin/python bench/skillspan_bench.py [--subset tech|house] [--show N]

Each posting is rebuilt from the tokens (its title the first line, one sentence a line) and extracted.
A skill found is **marked** when its evidence span (its first mention) overlaps a span a person marked, or
the posting marks the same name elsewhere. The marked share is a floor for the skills' precision: the
annotators marked knowledge, not rolemap's ids, and left some technologies unmarked. A knowledge span whose
whole text is a name of the taxonomy (`resolve_skill`), no topic ("scalability"), is **known**; the found
share of those is the recall on names rolemap knows. Language ids, Node.js and .NET are left out of both, as score.py leaves them
out of the skills score.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rolemap.extract import extract_text
from rolemap.extract.taxonomy import CONTRACT_LANGUAGES, parent_of, resolve_skill

DATA = Path(__file__).resolve().parents[2] / "shared/data/skillspan"
MAX_POSTING = 20_000  # characters: a longer "posting" is sentences of many
NOT_SCORED = frozenset(CONTRACT_LANGUAGES) | {"nodejs", "node-js", "dotnet", "net"}


@dataclass
class Posting:
    lines: list[str] = field(default_factory=list)
    marked: list[tuple[int, int, str]] = field(default_factory=list)  # spans people marked, either layer
    knowledge: list[str] = field(default_factory=list)  # the KNOWLEDGE spans' texts
    fields: dict[str, str] = field(default_factory=dict)  # the board's own: "Role", "Experience level", …

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def read_postings(path: Path) -> list[Posting]:
    """The postings of a SkillSpan CoNLL file. A posting opens with its header (title, organisation and
    place: up to three lines before "Date posted:"), then the board's fields ("Job type:",
    "Experience level:", "Role:", "Technologies", …; kept in `fields`, out of the text), then "Job
    description" and the text."""
    sentences: list[list[tuple[str, str, str]]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sentences[-1]:
                sentences.append([])
            continue
        token, skill, knowledge = ([*line.split("\t"), "O", "O"])[:3]
        sentences[-1].append((token, skill, knowledge))
    sentences = [s for s in sentences if s]
    dated = [i for i, s in enumerate(sentences) if s[0][0] == "Date" and len(s) > 1 and s[1][0] == "posted:"]
    starts = {0} | {_header_start(sentences, i) for i in dated}
    postings: list[Posting] = []
    key: str | None = None
    in_fields = False
    for i, sentence in enumerate(sentences):
        words = " ".join(t for t, _, _ in sentence)
        if i in starts or not postings:
            postings.append(Posting())
        if i in dated:
            in_fields = True
        if not in_fields:
            _add_sentence(postings[-1], sentence)
        elif words == "Job description":
            in_fields = False  # the text begins
        elif words.endswith(":") or words == "Technologies":
            key = words.rstrip(":")
        elif key:
            postings[-1].fields[key] = words
            key = None
    return postings


def _header_start(sentences: list[list[tuple[str, str, str]]], dated: int) -> int:
    """Where the header before a "Date posted:" line starts: at its title, the nearest of the three lines
    before that opens with no placeholder ("<ORGANIZATION>", "<ADDRESS>") and is no lower-case name alone
    ("teckro")."""
    for start in range(dated - 1, max(-1, dated - 4), -1):
        words = [t for t, _, _ in sentences[start]]
        if not words[0].startswith("<") and (len(words) > 1 or not words[0].islower()):
            return start
    return max(0, dated - 2)


def _add_sentence(posting: Posting, sentence: list[tuple[str, str, str]]) -> None:
    at = sum(len(line) + 1 for line in posting.lines)
    words: list[str] = []
    open_spans: dict[int, tuple[int, list[str]]] = {}  # layer → (start, words)
    for token, *tags in sentence:
        start = at + sum(len(w) + 1 for w in words)
        for layer, tag in enumerate(tags):
            if tag.startswith("I-") and layer in open_spans:
                open_spans[layer][1].append(token)
                continue
            if layer in open_spans:
                _close(posting, layer, *open_spans.pop(layer))
            if tag.startswith(("B-", "I-")):
                open_spans[layer] = (start, [token])
        words.append(token)
    for layer, (start, span_words) in open_spans.items():
        _close(posting, layer, start, span_words)
    posting.lines.append(" ".join(words))


def _close(posting: Posting, layer: int, start: int, words: list[str]) -> None:
    text = " ".join(words)
    posting.marked.append((start, start + len(text), text))
    if layer == 1:
        posting.knowledge.append(text)


# The board's own fields, in rolemap's values: "Experience level" (one or several), "Role" (several Stack
# Overflow role names written one after the other), "Job type"
LEVELS = {"Student": "intern", "Junior": "junior", "Mid-Level": "mid", "Senior": "senior", "Lead": "staff",
          "Manager": "manager"}  # fmt: skip
ROLE_FAMILIES = {
    "Backend Developer": "backend", "Frontend Developer": "frontend", "Full Stack Developer": "fullstack",
    "Mobile Developer": "mobile", "DevOps": "infra", "System Administrator": "infra",
    "Database Administrator": "data", "Data Engineer": "data", "Data Scientist": "ml", "QA/Test Developer": "qa",
    "Embedded Developer": "embedded", "Graphics/Game Developer": "other_software", "Designer": "non_software",
    "Engineering Manager": None, "Product Manager": "non_software",
}  # fmt: skip
JOB_TYPES = {
    "Full-time": "full_time",
    "Contract": "contract",
    "Internship": "internship",
    "Part-time": "part_time",
}


@dataclass
class Tally:
    """How often rolemap's value, read from the text alone, agrees with the board's field."""

    n: int = 0
    agree: int = 0
    unread: int = 0  # postings whose text rolemap reads no value from

    def add(self, agrees: bool, read: bool = True) -> None:
        self.n += 1
        self.agree += agrees
        self.unread += not read

    def __str__(self) -> str:
        read = self.n - self.unread
        return (
            f"{self.agree}/{self.n} = {self.agree / max(self.n, 1):.3f}; of the {read} it reads a value for, "
            f"{self.agree / max(read, 1):.3f}"
        )


def board_families(role: str) -> set[str | None]:
    return {family for name, family in ROLE_FAMILIES.items() if name in role}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subset", choices=("tech", "house"), default="tech")
    parser.add_argument("--show", type=int, default=25, help="how many unmarked skills to list")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"skillspan_bench: {DATA} not found (../shared/data/skillspan)")

    read = [
        p
        for split in ("train", "dev", "test")
        for p in read_postings(DATA / f"skillspan_{args.subset}_{split}.conll")
        if p.lines
    ]
    # the train file ends in sentences of many postings with no "Date posted:" between them: no posting
    postings = [p for p in read if len(p.text) <= MAX_POSTING]
    left_out = len(read) - len(postings)
    found = marked = known = known_found = 0
    unmarked: Counter[str] = Counter()
    marked_ids: Counter[str] = Counter()
    one_level, some_level, family, job_type, tags = Tally(), Tally(), Tally(), Tally(), Tally()
    for n, posting in enumerate(postings):
        text = posting.text
        record = extract_text(f"skillspan-{n}", text)
        spans = record.evidence.get("skills", ())
        lowered_marks = [m.lower() for _, _, m in posting.marked]
        for skill, span in zip(record.skills, spans, strict=False):
            if skill.id in NOT_SCORED:
                continue
            found += 1
            overlaps = any(s < span.end and span.start < e for s, e, _ in posting.marked)
            named_elsewhere = any(span.text.lower() in m for m in lowered_marks)
            if overlaps or named_elsewhere:
                marked += 1
                marked_ids[skill.id] += 1
            else:
                unmarked[skill.id] += 1
        ids = {s.id for s in record.skills} | set(record.languages)
        named = {e.id for k in posting.knowledge if (e := resolve_skill(k)) and e.category != "topic"}
        for entry in named - NOT_SCORED:
            known += 1
            known_found += entry in ids
        # the board's own fields, which the text rolemap read leaves out
        levels = {LEVELS[w] for w in posting.fields.get("Experience level", "").split() if w in LEVELS}
        if len(levels) == 1:
            one_level.add(record.seniority in levels, record.seniority is not None)
        elif levels:
            some_level.add(record.seniority in levels, record.seniority is not None)
        families = board_families(posting.fields.get("Role", "")) - {None}
        if families:
            family.add(bool(families & set(record.role_families)))
        if posting.fields.get("Job type") in JOB_TYPES:
            job_type.add(
                record.employment_type == JOB_TYPES[posting.fields["Job type"]], bool(record.employment_type)
            )
        for tag in posting.fields.get("Technologies", "").split():
            if (entry := resolve_skill(tag) or resolve_skill(tag.replace("-", " "))) is not None:
                tags.add(entry.id in ids or any(entry.id in (s, parent_of(s)) for s in ids))

    print(
        f"SkillSpan {args.subset}: {len(postings):,} postings (Stack Overflow Jobs 2020-2021), "
        f"{sum(len(p.knowledge) for p in postings):,} knowledge spans marked by people; left out: {left_out} "
        f"run of sentences over {MAX_POSTING:,} characters with no posting boundary"
    )
    print(
        f"skills found (languages, Node.js, .NET left out): {found:,}; marked by a person: {marked:,} "
        f"= {marked / max(found, 1):.3f} (a floor for precision)"
    )
    print(
        f"technologies marked whose text is a taxonomy name: {known:,} (distinct per posting); "
        f"found by rolemap: {known_found:,} = {known_found / max(known, 1):.3f}"
    )
    print("the board's fields, left out of the text rolemap reads, against what it reads:")
    print(f"  seniority = the one level the board gives: {one_level}")
    print(f"  seniority among the levels the board gives: {some_level}")
    print(f"  a role family the board's Role names is among rolemap's: {family.agree}/{family.n}")
    print(f"  employment type = the board's Job type: {job_type}")
    print(
        f"  the board's technology tags (taxonomy names) found, a tag's child counting: {tags.agree}/{tags.n}"
    )
    print("skills found most often where no person marked them (id: unmarked / marked), for review:")
    for sid, count in unmarked.most_common(args.show):
        print(f"  {sid}: {count} / {marked_ids[sid]}")


if __name__ == "__main__":
    main()
