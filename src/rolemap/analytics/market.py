"""The role page of a lane, pay by level and scope, the target profile and the tracker: what the seed
documents ask the market to tell a person, computed on the market frame."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, NamedTuple

import numpy as np

from rolemap.analytics.frame import MarketFrame, Pairs
from rolemap.analytics.freshness import coverage
from rolemap.analytics.lane import FAMILIES, LEVELS, WORK_MODELS, Lane, salary_counts, select
from rolemap.analytics.pay import PayScale, PayStats, headline_pay, pay_scale, pay_stats, withheld
from rolemap.analytics.premiums import PREMIUM_DIMENSIONS, Premium, PremiumModel, premiums
from rolemap.analytics.skill_levels import skill_pairs_at
from rolemap.analytics.stats import wilson
from rolemap.errors import InputError

MIN_CELL = 5  # a pay cell on fewer postings is marked "too few", never hidden


@dataclass(frozen=True)
class Share:
    name: str
    count: int
    share: float
    required: int | None = None  # postings that ask for it and require it (skills only)
    asked: int | None = None  # postings that ask for it, not only say they use it (skills only)


# The role page's heading for each family (the seed's "Backend Engineer — 375 open positions").
FAMILY_TITLES = {
    "backend": "Backend engineer", "fullstack": "Full-stack engineer", "frontend": "Frontend engineer",
    "mobile": "Mobile engineer", "data": "Data engineer", "ml": "Machine learning / data science",
    "infra": "Infrastructure / DevOps engineer", "security": "Security engineer", "qa": "QA / test engineer",
    "embedded": "Embedded engineer", "other_software": "Other software roles", "non_software": "Non-software roles",
}  # fmt: skip


@dataclass(frozen=True)
class Market:
    title: str  # "Backend engineer", "Backend engineer, Data engineer", or "All roles"
    lane: str
    postings: int  # the postings the lane's roles are in (a posting hiring two of its roles counts once)
    open_positions: int  # roles open at the store's newest fetch
    companies: int
    top_companies: list[Share]
    levels: list[Share]  # the six levels, then "unknown"
    senior_share: float | None  # senior + staff + manager among roles with a level
    junior_share: float | None  # intern + junior among roles with a level
    work_models: list[Share]
    pay: PayStats
    languages: list[Share]
    skills: list[Share]
    together: list[tuple[str, str, int]]  # skills asked together, most often first
    families: list[Share] = field(default_factory=list)  # the role mix of the lane before its family filter
    countries: list[Share] = field(default_factory=list)  # where: postings naming a place in each country
    cities: list[Share] = field(default_factory=list)
    pay_countries: list[Share] = field(default_factory=list)  # where the salaries come from
    totals: dict[str, int] = field(default_factory=dict)  # the store's totals (analytics/totals.py)
    coverage: dict[str, Any] = field(default_factory=dict)  # months covered, open now (freshness.py)
    reposts_folded: int = 0  # postings of the lane folded into its jobs as reposts (analytics/reposts.py)
    message: str = ""
    skills_level: str = "named"  # "parent": skills rolled up to their parent (analytics/skill_levels.py)
    with_level: int = 0  # roles with a level: the n of the senior and junior shares
    senior_interval: tuple[float, float] | None = None  # Wilson 95% intervals of the two shares
    junior_interval: tuple[float, float] | None = None
    roles: int = 0  # the lane's roles: every share, level and salary of the page is of these

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def empty_lane(frame: MarketFrame, lane: Lane) -> str:
    """Why a lane is empty: an empty store (a --db that names a new file makes one) is not a filter to
    widen."""
    if frame.size == 0:
        return "the store holds no postings yet: run `rolemap ingest --sample` or `rolemap ingest FILE` (see `rolemap info`)"
    return f"no postings match ({lane.describe()}): widen the filters"


def market(
    frame: MarketFrame, lane: Lane, top: int = 15, scale: PayScale | None = None, skills_level: str = "named"
) -> Market:
    """The role page: the lane's roles (one a frame row, analytics/role_rows.py) and the postings they are
    in; `skills_level` "parent" counts the skills tables at the parent level (rhel → linux)."""
    mask = select(frame, lane)
    skill_pairs = skill_pairs_at(frame.pairs["skill"], skills_level)
    n = int(mask.sum())
    scale = scale or pay_scale(frame)
    is_open = frame.flags("is_open")
    levels = counts_of(frame, "seniority", mask, order=LEVELS)
    known = sum(s.count for s in levels if s.name != "unknown")
    senior = sum(s.count for s in levels if s.name in ("senior", "staff", "manager"))
    junior = sum(s.count for s in levels if s.name in ("intern", "junior"))
    company_codes, _ = frame.codes("company")
    salaried = salary_counts(frame, lane, mask)
    mix = select(frame, replace(lane, family=()))
    return Market(
        title=", ".join(FAMILY_TITLES.get(f, f) for f in lane.family) or "All roles",
        lane=lane.describe(),
        postings=frame.postings_in(mask),
        open_positions=int((mask & is_open).sum()),
        companies=int(np.unique(company_codes[mask & (company_codes >= 0)]).size),
        top_companies=[s for s in counts_of(frame, "company", mask) if s.name != "unknown"][:top],
        levels=levels,
        senior_share=senior / known if known else None,
        junior_share=junior / known if known else None,
        work_models=counts_of(frame, "work_model", mask, order=WORK_MODELS),
        pay=headline_pay(pay_stats(scale, salaried)),
        languages=multi_counts(frame, "language", mask)[:top],
        skills=multi_counts(frame, "skill", mask, skill_pairs)[:top],
        together=co_occurring(frame, mask, top, skill_pairs),
        families=sorted(
            multi_counts(frame, "family", mix),
            key=lambda s: FAMILIES.index(s.name) if s.name in FAMILIES else 99,
        ),
        countries=multi_counts(frame, "country", mask)[:top],
        cities=multi_counts(frame, "city", mask)[:top],
        # where the headline's salaries come from: a posting's once, as pay_stats counts them
        pay_countries=multi_counts(frame, "country", frame.first_rows(salaried & ~np.isnan(scale.yearly)))[
            :top
        ],
        totals=dict(frame.totals),
        coverage=coverage(frame, mask, (lane.since, lane.until)),
        reposts_folded=int(frame.counts("reposts")[frame.first_rows(mask)].sum()),  # a posting's, once
        message="" if n else empty_lane(frame, lane),
        skills_level=skills_level,
        with_level=known,
        senior_interval=wilson(senior, known),
        junior_interval=wilson(junior, known),
        roles=n,
    )


def counts_of(frame: MarketFrame, column: str, mask: np.ndarray, order: tuple[str, ...] = ()) -> list[Share]:
    """How many of the lane's postings have each value, most first (or in `order`), then "unknown"."""
    codes, vocab = frame.codes(column)
    n = int(mask.sum())
    tally = np.bincount(codes[mask] + 1, minlength=len(vocab) + 1)  # slot 0: none
    shares = [Share(v, int(tally[i + 1]), float(tally[i + 1] / n) if n else 0.0) for i, v in enumerate(vocab)]
    if order:
        by_name = {s.name: s for s in shares}
        shares = [by_name.get(name, Share(name, 0, 0.0)) for name in order]
    else:
        shares = sorted((s for s in shares if s.count), key=lambda s: (-s.count, s.name))
    unknown = int(tally[0])
    return [*shares, Share("unknown", unknown, unknown / n if n else 0.0)]


def multi_counts(
    frame: MarketFrame, field_name: str, mask: np.ndarray, pairs: Pairs | None = None
) -> list[Share]:
    """Values of a multi-valued field by the share of the lane's postings that have them (`pairs`: the
    field's pairs, rolled up or not; the frame's by default). For skills, how many of those postings ask
    for it and how many require it: a skill a posting only says it uses is neither."""
    pairs = pairs if pairs is not None else frame.pairs[field_name]
    n = int(mask.sum())
    inside = mask[pairs.row]
    tally = np.bincount(pairs.code[inside], minlength=len(pairs.vocab))
    asked_pairs = inside & pairs.asked if pairs.asked is not None else inside
    asked = np.bincount(pairs.code[asked_pairs], minlength=len(pairs.vocab))
    required = (
        np.bincount(pairs.code[asked_pairs & pairs.required], minlength=len(pairs.vocab))
        if pairs.required is not None
        else None
    )
    order: list[int] = (
        np.lexsort((np.array(pairs.vocab, dtype=object), -tally)).tolist() if pairs.vocab else []
    )
    return [
        Share(
            pairs.vocab[i],
            int(tally[i]),
            float(tally[i] / n) if n else 0.0,
            int(required[i]) if required is not None else None,
            int(asked[i]) if required is not None else None,
        )
        for i in order
        if tally[i]
    ]


def co_occurring(
    frame: MarketFrame, mask: np.ndarray, top: int, pairs: Pairs | None = None
) -> list[tuple[str, str, int]]:
    """Pairs among the lane's most named skills, by how many postings name both (`pairs`: the skill pairs
    at the level of the table, the frame's by default)."""
    pairs = pairs if pairs is not None else frame.pairs["skill"]
    skills = multi_counts(frame, "skill", mask, pairs)[: max(top, 2)]
    if len(skills) < 2:
        return []
    index = {name: j for j, name in enumerate(s.name for s in skills)}
    column = np.array([index.get(pairs.vocab[c], -1) for c in range(len(pairs.vocab))], np.int32)
    keep = mask[pairs.row] & (column[pairs.code] >= 0)
    position = np.cumsum(mask) - 1  # row → its place among the lane's postings
    matrix = np.zeros((int(mask.sum()), len(skills)), np.float32)
    matrix[position[pairs.row[keep]], column[pairs.code[keep]]] = 1.0
    together = matrix.T @ matrix
    out = [
        (skills[a].name, skills[b].name, int(together[a, b]))
        for a in range(len(skills))
        for b in range(a + 1, len(skills))
        if together[a, b] > 0
    ]
    return sorted(out, key=lambda t: (-t[2], t[0], t[1]))[:top]


@dataclass(frozen=True)
class PayCell:
    value: str
    roles: int  # the lane's roles in the cell; its salaries are `pay.count`
    pay: PayStats  # the raw cell: its quartiles, median interval, and salaries from the board and the text
    too_few: bool
    premium: Premium | None = None  # over the lane's baseline at the same level and place (premiums.py)


@dataclass(frozen=True)
class PayBy:
    lane: str
    by: str
    currency: str
    cells: list[PayCell]
    overall: PayStats
    premiums: PremiumModel | None = None  # what the cells' premiums rest on (method, controls, left out)
    coverage: dict[str, Any] = field(default_factory=dict)  # the months of the salaries (freshness.py)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


PAY_DIMENSIONS = (
    "seniority", "system_type", "work_model", "language", "scope", "employment_type", "family", "country", "city",
)  # fmt: skip
PAY_ALIASES = {"level": "seniority"}  # the web page's word for the same grouping: every client takes both


def pay_dimension(name: str) -> str:
    """A grouping of pay as a user names it (`level` or `seniority`, `family`…) → the analytics' name."""
    canonical = PAY_ALIASES.get(name, name)
    if canonical not in PAY_DIMENSIONS:
        known = sorted({*PAY_DIMENSIONS, *PAY_ALIASES})
        raise InputError(f"--by {name!r}: use one of {', '.join(known)}")
    return canonical


def pay_by(
    frame: MarketFrame, lane: Lane, by: str, scale: PayScale | None = None, min_cell: int = MIN_CELL
) -> PayBy:
    by = pay_dimension(by)
    roles = select(frame, lane)
    mask = salary_counts(frame, lane, roles)
    scale = scale or pay_scale(frame)
    model, found = premiums(frame, mask, by, scale)
    premium: dict[str, Premium | None] = {p.value: p for p in found}
    cells = []
    for value, members in _groups(frame, by, roles, mask & scale.stated):
        # a cell's roles are the lane's; its salaries those that count for the lane, and by family those
        # tied to the cell's family, as they are in that family's lane
        paid = members & (salary_counts(frame, Lane(family=(value,)), mask) if by == "family" else mask)
        # under --min-cell salaries its n is shown, its median and quartiles are not: 3 salaries are no pay
        stats = pay_stats(scale, paid, least=min_cell)
        # a value with no fitted salary is "too few" (n = 0) where premiums are computed at all
        unfitted = Premium(value, 0, 0, None, None, None, "too few") if by in PREMIUM_DIMENSIONS else None
        cells.append(
            PayCell(
                value,
                int(members.sum()),
                withheld(stats) if stats.too_few else stats,
                stats.too_few,
                premium.get(value, unfitted),
            )
        )
    return PayBy(
        lane.describe(),
        by,
        scale.currency,
        cells,
        headline_pay(pay_stats(scale, mask)),  # the page's overall card
        model,
        coverage(frame, mask, (lane.since, lane.until)),
    )


def _groups(frame: MarketFrame, by: str, mask: np.ndarray, paid: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """Each value of `by` and the rows of `mask` holding it: every level or work model, in order; of a
    many-valued dimension (city, language, scope…), the values of the rows stating pay (`paid`), most first
    (a city with 84 roles and no salary is no pay cell: 213 of 234 cities had been)."""
    if by in ("seniority", "work_model", "employment_type"):
        codes, vocab = frame.codes(by)
        order = {"seniority": LEVELS, "work_model": WORK_MODELS}.get(by) or tuple(sorted(vocab))
        return [(v, mask & (codes == vocab.index(v))) for v in order if v in vocab]
    pairs = frame.pairs[by]
    groups = []
    for share in multi_counts(frame, by, paid):
        member = np.zeros(frame.size, bool)
        member[pairs.row[pairs.code == pairs.vocab.index(share.name)]] = True
        groups.append((share.name, mask & member))
    return groups


@dataclass(frozen=True)
class Profile:
    lane: str
    roles: int  # the lane's roles, which every share is of (a posting of two roles in it counts twice)
    min_share: float
    must_have: list[Share]
    nice_to_have: list[Share]
    languages: list[Share]
    three_repeated: list[str] = field(default_factory=list)
    message: str = ""
    coverage: dict[str, Any] = field(default_factory=dict)  # months covered, open now (freshness.py)
    # named by min_share of the postings but asked by fewer: the companies' stack, not a requirement
    in_stack: list[Share] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def profile(frame: MarketFrame, lane: Lane, min_share: float = 0.3) -> Profile:
    """The skills at least `min_share` of the lane's postings ask for: must-have when most of the postings
    that ask for a skill require it, nice-to-have otherwise; and the three most repeated, as the guide asks.
    A posting that only says it uses a skill ("our stack is …") does not ask for it: skills named that
    widely but asked by fewer are listed apart, as the lane's stack. Here `count` and `share` are of the
    postings that ask."""
    mask = select(frame, lane)
    n = int(mask.sum())
    named = multi_counts(frame, "skill", mask)
    asking = [_asked_share(s, n) for s in named]
    common = sorted((s for s in asking if s.share >= min_share), key=lambda s: (-s.count, s.name))
    must = [s for s in common if (s.required or 0) * 2 > s.count]
    nice = [s for s in common if (s.required or 0) * 2 <= s.count]
    asked_enough = {s.name for s in common}
    stack = [s for s in named if s.share >= min_share and s.name not in asked_enough]
    languages = [s for s in multi_counts(frame, "language", mask) if s.share >= min_share]
    message = "" if n else empty_lane(frame, lane)
    if n and not common:
        message = f"no skill is asked by {min_share:.0%} of these {n:,} roles: lower --min-share"
    return Profile(
        lane.describe(),
        n,
        min_share,
        must,
        nice,
        languages,
        [s.name for s in must[:3]],
        message,
        coverage(frame, mask, (lane.since, lane.until)),
        stack,
    )


def _asked_share(named: Share, n: int) -> Share:
    """A skill's share counted over the postings that ask for it."""
    asked = named.asked if named.asked is not None else named.count
    return replace(named, count=asked, share=asked / n if n else 0.0)


@dataclass(frozen=True)
class TrackerRow:
    id: str
    title: str
    company: str
    language: str
    level: str
    system_type: str
    work_model: str
    posted: str
    repeated: list[str]
    roles: str = ""  # a posting with several roles: those of the lane ("backend senior, data")


def tracker(
    frame: MarketFrame, lane: Lane, limit: int = 50, repeated_share: float = 0.3
) -> tuple[list[TrackerRow], int]:
    """One row a posting of the lane (its first role in the lane; a posting hiring several of the lane's
    roles is listed once, with those roles), newest first, with its repeated requirements: the skills it
    asks for that at least `repeated_share` of the lane's roles ask for too (a skill a posting only says
    the company uses, "our stack is …", is no requirement). Returns the rows and the lane's postings."""
    mask = select(frame, lane)
    firsts = frame.first_rows(mask)
    n = int(firsts.sum())
    roles = max(int(mask.sum()), 1)
    repeated = {
        s.name
        for s in multi_counts(frame, "skill", mask)
        if (s.count if s.asked is None else s.asked) / roles >= repeated_share
    }
    posted = frame.dates("posted")
    rows = np.flatnonzero(firsts)
    order = rows[np.argsort(-posted[rows].astype("int64"), kind="stable")][:limit]
    chosen = np.zeros(frame.size, bool)
    chosen[order] = True
    skills = {
        r: [v.value for v in values if v.asked] for r, values in values_by_row(frame, "skill", chosen).items()
    }
    systems = {
        r: [v.value for v in values] for r, values in values_by_row(frame, "system_type", chosen).items()
    }
    titles, companies, ids = frame.strings("title"), frame.strings("company"), frame.strings("id")
    level_codes, level_vocab = frame.codes("seniority")
    model_codes, model_vocab = frame.codes("work_model")
    language_codes, language_vocab = frame.codes("primary_language")
    out = []
    for r in order.tolist():
        out.append(
            TrackerRow(
                id=ids[r] or "",
                title=titles[r] or "",
                company=companies[r] or "",
                language=_name(language_codes[r], language_vocab),
                level=_name(level_codes[r], level_vocab),
                system_type=", ".join(systems.get(r, [])),
                work_model=_name(model_codes[r], model_vocab),
                posted="" if np.isnat(posted[r]) else str(posted[r]),
                repeated=[s for s in skills.get(r, []) if s in repeated],
                roles=", ".join(roles_in_lane(frame, mask, r)),
            )
        )
    return out, n


def roles_in_lane(frame: MarketFrame, mask: np.ndarray, row: int) -> list[str]:
    """The roles of `row`'s posting in the lane ("backend senior", "non_software"), when it has several
    (its rows are next to one another); none when the posting is one row."""
    if "roles" not in frame.table.column_names:
        return []
    many = int(frame.table.column("roles")[row].as_py() or 1)
    if many < 2:
        return []
    posting = frame.postings_of_rows()
    first = row
    while first > 0 and posting[first - 1] == posting[row]:
        first -= 1
    rows = [r for r in range(first, min(first + many, frame.size)) if mask[r]]
    chosen = np.zeros(frame.size, bool)
    chosen[rows] = True
    families = values_by_row(frame, "family", chosen)
    levels, vocab = frame.codes("seniority")
    return [
        " ".join([*(v.value for v in families.get(r, [])), *([vocab[levels[r]]] if levels[r] >= 0 else [])])
        for r in rows
    ]


class RowValue(NamedTuple):
    value: str
    required: bool  # always True for fields other than skills
    asked: bool  # False: the posting only says the company uses it (skills only; True elsewhere)


def values_by_row(frame: MarketFrame, field_name: str, rows: np.ndarray) -> dict[int, list[RowValue]]:
    """For the rows in the boolean mask `rows`: each row's values of a multi-valued field."""
    pairs = frame.pairs[field_name]
    keep = rows[pairs.row]
    every = np.ones(int(keep.sum()), bool)
    required = pairs.required[keep] if pairs.required is not None else every
    asked = pairs.asked[keep] if pairs.asked is not None else every
    out: dict[int, list[RowValue]] = {}
    for r, c, req, ask in zip(
        pairs.row[keep].tolist(), pairs.code[keep].tolist(), required.tolist(), asked.tolist(), strict=True
    ):
        out.setdefault(r, []).append(RowValue(pairs.vocab[c], bool(req), bool(ask)))
    return out


def _name(code: int, vocab: list[str]) -> str:
    return vocab[code] if code >= 0 else ""
