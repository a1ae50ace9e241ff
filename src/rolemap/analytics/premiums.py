"""Pay premiums that control for level and place: how much more (or less) postings with a value of a
dimension (a scope signal, a system type, a work model…) pay than the lane's baseline, at the same level
and in the same country.

A raw pay cell mixes the value with who asks for it: on-call postings are more often senior, and senior
postings pay more, so the on-call cell's median is higher even where on-call itself adds nothing. Here one
regression, ordinary least squares on the logarithm of yearly pay (statsmodels), puts beside each value's
indicator the level and the country of the posting:

    log(pay) = intercept + Σ premium_v · [posting has value v] + level indicators + country shares

A value's premium is exp(coefficient) − 1: the ratio of (geometric mean) pay of postings with the value
to postings without it, level and country held equal, with a 95% interval from heteroscedasticity-robust
(HC3) standard errors and Student's t. Why OLS on the logarithm and not quantile regression: docs/market.md.

- Single-valued dimensions (level, work model, employment type) have one value a posting; the most common
  value among the fitted postings is the baseline. Multi-valued ones (scope, system type, language) get one
  indicator a value, a posting may have several; the baseline is a posting with none of them. Country, as
  dimension or as control, is a posting's share of each country it names (½ each for two).
- The fit uses the lane's postings with a usable salary and a known level and country (those the dimension
  needs); the others are counted as left out, by their first missing field. Levels and countries seen fewer
  than `MIN_IN_FIT` times are left out too (one posting in a country would be fitted exactly and its
  robust error undefined), and so is any posting the model still fits exactly (leverage 1: a mix of values
  no other salary has).
- A premium is shown for a value of at least `MIN_CELL` fitted postings, from a fit of at least `MIN_FIT`;
  below, the value says "too few" with its n. Single-valued values seen fewer than `MIN_IN_FIT` times are
  left out of the fit; multi-valued ones get no indicator (their postings stay, in the baseline for them).
- A value the data cannot tell apart from the controls or the other values (it occurs only with one
  level, say) is "not separable": no premium is claimed.
"""

from __future__ import annotations

import warnings
from dataclasses import asdict, dataclass, field, replace

import numpy as np

from rolemap.analytics.frame import MarketFrame
from rolemap.analytics.pay import PayScale

MIN_CELL = 20  # fitted postings a value needs before its premium is shown
MIN_FIT = 100  # fitted postings the whole regression needs
MIN_IN_FIT = 5  # a level, country or single value seen fewer times is left out of the fit
SINGLE = ("seniority", "work_model", "employment_type")  # one value a posting (frame columns)
MULTI_HOT = ("scope", "system_type", "language")  # several values a posting: one indicator each
PLACE = "country"  # one place a posting, shared among the countries it names
PREMIUM_DIMENSIONS = (*SINGLE, *MULTI_HOT, PLACE)
NOT_COMPUTED = {
    "family": "a posting hiring for several role families states pay for one of them, not for each",
    "city": "cities sit inside countries, the place this regression controls for; see --by country",
}
METHOD = "OLS on log yearly pay, HC3 robust standard errors, 95% t intervals"
EXACT = "a mix of values no other salary has (fitted exactly, no robust error)"


@dataclass(frozen=True)
class Premium:
    value: str
    postings: int  # fitted postings with the value (usable salary, level and country known)
    companies: int  # distinct companies among them: a few companies' reposts make a weak premium
    premium: float | None  # exp(coefficient) − 1; None for the baseline, too few and not separable
    low: float | None  # the 95% interval of the premium
    high: float | None
    status: str  # "estimated", "baseline", "too few" or "not separable"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class PremiumModel:
    """What the premiums of one dimension rest on: the method, the baseline, what was controlled for and
    what was left out."""

    dimension: str
    method: str
    baseline: str  # "mid" (single-valued) or "postings with none of these values"
    controls: list[str]  # "level", "country"
    salaried: int  # the lane's postings with a usable salary
    fitted: int  # of them, in the regression
    left_out: dict[str, int] = field(default_factory=dict)  # reason → postings ("no level": 40)
    min_cell: int = MIN_CELL
    min_fit: int = MIN_FIT
    message: str = ""  # why no premium is computed, when none is

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def premiums(
    frame: MarketFrame, mask: np.ndarray, by: str, scale: PayScale
) -> tuple[PremiumModel, list[Premium]]:
    """The premium of each value of `by` among the salaries of `mask` (the lane's rows whose salary counts
    for it), controlling for level and country, and the model they rest on."""
    salaried = frame.first_rows(mask & ~np.isnan(scale.yearly))  # a posting's salary once, as pay_stats
    controls = [c for c in ("level", PLACE) if c != {"seniority": "level"}.get(by, by)]
    model = PremiumModel(by, METHOD, "", controls, int(salaried.sum()), 0)
    if by not in PREMIUM_DIMENSIONS:
        why = NOT_COMPUTED.get(by, "not a dimension premiums are computed for")
        return replace(model, message=f"no premiums by {by}: {why}"), []
    fit, left_out = _fitted_rows(frame, salaried, by)
    d = _design(frame, fit, by, controls)
    exact = 0
    while d.fitted >= MIN_FIT and exact < d.fitted:  # a salary fitted exactly has no robust error
        lone = _leverage(d.matrix) > 1 - 1e-9
        if not lone.any():
            break
        fit[np.flatnonzero(fit)[lone]] = False
        exact += int(lone.sum())
        d = _design(frame, fit, by, controls)
    if exact:
        left_out[EXACT] = exact
    model = replace(model, baseline=d.baseline, fitted=d.fitted, left_out=left_out)
    companies = _companies(frame, fit, d.values)
    shown = [j for j in np.argsort(-d.counts, kind="stable") if d.counts[j]]
    if model.fitted < MIN_FIT:
        needs = ["a level", "a country"] + ([f"a {by.replace('_', ' ')}"] if by in SINGLE[1:] else [])
        message = (
            f"{model.fitted} salaries with {', '.join(needs[:-1])} and {needs[-1]}, too few to estimate "
            f"premiums (at least {MIN_FIT} needed)"
        )
        out = [
            Premium(d.names[j], int(d.counts[j]), companies[j], None, None, None, "too few") for j in shown
        ]
        return replace(model, message=message), out
    estimates = _fit(np.log(scale.yearly[fit]), d.matrix)
    out = []
    for j in shown:
        n, firms = int(d.counts[j]), companies[j]
        if d.names[j] == d.baseline:
            out.append(Premium(d.names[j], n, firms, None, None, None, "baseline"))
        elif n < MIN_CELL:
            out.append(Premium(d.names[j], n, firms, None, None, None, "too few"))
        elif j not in d.column or not all(np.isfinite(estimates[d.column[j]])):
            out.append(Premium(d.names[j], n, firms, None, None, None, "not separable"))
        else:
            coefficient, low, high = (float(np.expm1(x)) for x in estimates[d.column[j]])
            out.append(Premium(d.names[j], n, firms, coefficient, low, high, "estimated"))
    return model, out


@dataclass(frozen=True)
class _Design:
    values: np.ndarray  # fitted rows × the dimension's values (indicators, or shares for countries)
    names: list[str]
    baseline: str
    counts: np.ndarray  # fitted rows with each value
    matrix: np.ndarray  # the regression's columns: intercept, controls, then the values estimable
    column: dict[int, int]  # value → its column in `matrix`

    @property
    def fitted(self) -> int:
        return len(self.values)


def _design(frame: MarketFrame, fit: np.ndarray, by: str, controls: list[str]) -> _Design:
    values, names, baseline = _dimension(frame, by, fit)
    counts = (values > 0).sum(axis=0)
    modelled = [j for j in np.flatnonzero(counts >= MIN_IN_FIT).tolist() if names[j] != baseline]
    design = _controls(frame, fit, controls)
    kept = _full_rank(np.column_stack([design, values[:, modelled]]))
    first = design.shape[1]
    column = {j: kept.index(first + i) for i, j in enumerate(modelled) if first + i in kept}
    matrix = np.column_stack([design, values[:, modelled]])[:, kept]
    return _Design(values, names, baseline, counts, matrix, column)


def _fitted_rows(frame: MarketFrame, salaried: np.ndarray, by: str) -> tuple[np.ndarray, dict[str, int]]:
    """The salaried rows the regression can use, and the others counted by their first missing field."""
    level_codes, _ = frame.codes("seniority")
    places = frame.pairs[PLACE]
    needs = [
        ("no level", level_codes >= 0),
        ("no country", np.bincount(places.row, minlength=frame.size) > 0),
    ]
    single = frame.codes(by)[0] if by in SINGLE and by != "seniority" else None
    if single is not None:
        needs.append((f"no {by.replace('_', ' ')}", single >= 0))
    fit, left_out = salaried.copy(), {}
    for reason, known in needs:
        left_out[reason] = int((fit & ~known).sum())
        fit &= known
    rare = np.zeros(frame.size, bool)
    while True:  # leaving rows out can make another value rare: until none is
        seen = _rare_rows(level_codes, fit) | _rare_place_rows(frame, fit)
        if single is not None:
            seen |= _rare_rows(single, fit)
        if not (seen & fit).any():
            break
        rare |= seen & fit
        fit &= ~seen
    left_out[f"a level, country or value with fewer than {MIN_IN_FIT} salaries"] = int(rare.sum())
    return fit, {reason: n for reason, n in left_out.items() if n}


def _rare_rows(codes: np.ndarray, fit: np.ndarray) -> np.ndarray:
    tally = np.bincount(codes[fit & (codes >= 0)], minlength=int(codes.max(initial=0)) + 1)
    return (codes >= 0) & (tally[np.maximum(codes, 0)] < MIN_IN_FIT)


def _rare_place_rows(frame: MarketFrame, fit: np.ndarray) -> np.ndarray:
    """The rows naming a country that fewer than MIN_IN_FIT fitted rows name."""
    pairs = frame.pairs[PLACE]
    tally = np.bincount(pairs.code[fit[pairs.row]], minlength=len(pairs.vocab))
    out = np.zeros(frame.size, bool)
    out[pairs.row[tally[pairs.code] < MIN_IN_FIT]] = True
    return out


def _membership(frame: MarketFrame, name: str, rows: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """rows × values of a multi-valued field, 1 where the row has the value, for the rows in `rows` and the
    values any of them has; and those values' names."""
    pairs = frame.pairs[name]
    keep = rows[pairs.row]
    present = np.flatnonzero(np.bincount(pairs.code[keep], minlength=len(pairs.vocab)))
    column = np.full(len(pairs.vocab), -1)
    column[present] = np.arange(present.size)
    position = np.cumsum(rows) - 1
    out = np.zeros((int(rows.sum()), present.size), np.float64)
    out[position[pairs.row[keep]], column[pairs.code[keep]]] = 1.0
    return out, [pairs.vocab[c] for c in present]


def _shares(member: np.ndarray) -> np.ndarray:
    """Each row's membership divided among its values (a posting naming two countries is half of each)."""
    total = member.sum(axis=1, keepdims=True)
    return np.divide(member, total, out=np.zeros_like(member), where=total > 0)


def _dimension(frame: MarketFrame, by: str, fit: np.ndarray) -> tuple[np.ndarray, list[str], str]:
    """The fitted rows × the dimension's values, the values' names and the baseline's description."""
    if by in SINGLE:
        codes, vocab = frame.codes(by)
        values = np.zeros((int(fit.sum()), len(vocab)))
        values[np.arange(values.shape[0]), codes[fit]] = 1.0
        counts = values.sum(axis=0)
        return values, vocab, vocab[int(np.argmax(counts))] if counts.any() else ""
    member, vocab = _membership(frame, by, fit)
    if by == PLACE:
        counts = member.sum(axis=0)
        return _shares(member), vocab, vocab[int(np.argmax(counts))] if counts.any() else ""
    return member, vocab, f"postings with no {by.replace('_', ' ')} value"


def _controls(frame: MarketFrame, fit: np.ndarray, controls: list[str]) -> np.ndarray:
    """The intercept, then an indicator of each level but the most common, then each country's share but
    the most common country's."""
    n = int(fit.sum())
    parts = [np.ones((n, 1))]
    if "level" in controls:
        codes, vocab = frame.codes("seniority")
        levels = np.zeros((n, len(vocab)))
        levels[np.arange(n), codes[fit]] = 1.0
        parts.append(_drop_most_common(levels))
    if PLACE in controls:
        parts.append(_drop_most_common(_shares(_membership(frame, PLACE, fit)[0])))
    return np.column_stack(parts)


def _drop_most_common(indicators: np.ndarray) -> np.ndarray:
    counts = indicators.sum(axis=0)
    if not counts.any():
        return indicators[:, :0]
    keep = (counts > 0) & (np.arange(len(counts)) != int(np.argmax(counts)))
    return indicators[:, keep]


def _full_rank(matrix: np.ndarray) -> list[int]:
    """The columns kept, in order, each only when it adds to the rank of those before it (read from the
    small Gram matrix of the scaled columns): controls come first, so a value that adds nothing to them and
    to the values before it cannot be told apart and gets no column."""
    scaled = matrix / np.maximum(np.sqrt((matrix**2).sum(axis=0)), 1e-12)
    gram = scaled.T @ scaled
    kept: list[int] = []
    for j in range(matrix.shape[1]):
        trial = [*kept, j]
        if np.linalg.matrix_rank(gram[np.ix_(trial, trial)], tol=1e-9) == len(trial):
            kept = trial
    return kept


def _leverage(matrix: np.ndarray) -> np.ndarray:
    """Each row's leverage (the diagonal of the hat matrix). At 1 the row is fitted exactly, its residual
    is 0 and HC3 divides it by 1 − 1 = 0: the robust errors become 0/0 or rounding noise over rounding
    noise."""
    if not matrix.size:
        return np.zeros(len(matrix))
    return ((matrix @ np.linalg.pinv(matrix.T @ matrix)) * matrix).sum(axis=1)


def _fit(log_pay: np.ndarray, design: np.ndarray) -> np.ndarray:
    """(coefficient, low, high) a column: OLS with HC3 errors and t intervals, by statsmodels.

    `OLS.fit` takes the pseudo-inverse of the whole design by a singular value decomposition: on 60,000
    salaries about a second, most of a pay answer's budget. The design here has full column rank by
    construction (`_full_rank`), so the normal equations give the same solution from a k × k matrix, and
    statsmodels gets it as `fit` would leave it (the model's pseudo-inverse, normalised covariance and
    rank) and computes the HC3 covariance, the t quantiles and the intervals itself.
    tests/analytics/test_premiums.py checks the answer against `OLS(...).fit(cov_type="HC3")`.
    statsmodels is imported here only: it brings pandas, which no other command needs."""
    from statsmodels.regression.linear_model import OLS, OLSResults

    with np.errstate(all="ignore"), warnings.catch_warnings():  # a value it cannot estimate is NaN: said
        warnings.simplefilter("ignore")
        model = OLS(log_pay, design)
        inverse = np.linalg.inv(design.T @ design)
        model.pinv_wexog = inverse @ design.T
        model.normalized_cov_params = inverse
        model.rank = design.shape[1]
        result = OLSResults(model, model.pinv_wexog @ log_pay, inverse, cov_type="HC3", use_t=True)
        interval = np.asarray(result.conf_int(0.05))
    return np.column_stack([np.asarray(result.params), interval])


def _companies(frame: MarketFrame, fit: np.ndarray, values: np.ndarray) -> list[int]:
    codes, _ = frame.codes("company")
    fitted = codes[fit]
    return [int(np.unique(fitted[(values[:, j] > 0) & (fitted >= 0)]).size) for j in range(values.shape[1])]
