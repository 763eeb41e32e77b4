"""mentortui: run mentorship meetings from the terminal."""

__version__ = "0.1.0"
