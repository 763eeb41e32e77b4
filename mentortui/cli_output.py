"""Where a command's document goes: standard output (no ``-o``, or ``-o -``), or a file
written atomically (0600), said on stderr so that standard output stays the document's."""

from __future__ import annotations

import sys
from pathlib import Path

STDOUT = "-"


def write_document(output: Path | str | None, document: str | bytes) -> None:
    data = document.encode("utf-8") if isinstance(document, str) else document
    if output is None or str(output) == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from mentortui.storage.files import atomic_write

    atomic_write(Path(output), data)
    print(f"Wrote {output}", file=sys.stderr)
