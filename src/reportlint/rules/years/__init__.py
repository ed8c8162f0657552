"""Y4xx years & periods: the report's own periods (from its title) against what its headings and
text say — last year's template left in, plans for a past period, five-year-plan phases, and
dated events cited before they happened. Dated knowledge is data: ``rulesets/calendar.toml``."""
