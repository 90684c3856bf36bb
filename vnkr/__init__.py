"""vnkr: numeric claims of news about Vietnam–South Korea relations, extracted, normalised and compared."""

__version__ = "0.1.0"
