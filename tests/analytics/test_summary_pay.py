"""The first summary's pay: per currency and period as stated, by the pay scale's rules of what is a salary
and how many a median needs."""

from rolemap.analytics.stats import MIN_FOR_HEADLINE
from rolemap.analytics.summary import _salary_figures


def test_a_group_s_median_needs_a_headline_s_n_and_implausible_figures_are_left_out_and_counted():
    yearly = [("USD", "year", 100_000.0 + 1_000 * i, None) for i in range(MIN_FOR_HEADLINE)]
    misread = [("USD", "year", 45.0, 225.0)]  # "a yearly 45–225": no salary once annualised
    few = [("EUR", "year", 60_000.0, 70_000.0), ("EUR", "year", 50_000.0, None)]
    usd, eur = _salary_figures(yearly + misread + few)
    assert (usd.currency, usd.count, usd.left_out) == ("USD", MIN_FOR_HEADLINE, 1)
    assert usd.median == 104_500 and usd.p25 is not None and usd.p25 < usd.median < usd.p75
    assert (eur.count, eur.median, eur.p25, eur.p75) == (2, None, None, None)  # two salaries are no median


def test_a_currency_the_rate_table_lacks_is_kept_as_stated():
    (figure,) = _salary_figures([("XTS", "year", 5.0, None)] * MIN_FOR_HEADLINE)
    assert figure.count == MIN_FOR_HEADLINE and figure.left_out == 0 and figure.median == 5.0
