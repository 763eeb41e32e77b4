"""The domain: models and the rules of a mentorship pair. Pure Python: no Textual, no Rich,
no file I/O of its own."""
