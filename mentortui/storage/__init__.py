"""Persistence: paths, atomic files, the pair store and its lock, migrations, the open-pair
session with its save queue and notes journal. No Textual, no Rich."""
