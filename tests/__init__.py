"""mentortui's tests.

The pty, crash and CLI tests start a few hundred Python processes, each importing Textual
and pydantic. Where bytecode caching is switched off (``PYTHONDONTWRITEBYTECODE``, set on
some machines), every one of them would compile those packages from source again; this
package is imported before any test module, so it turns the cache back on for this run and
for every process the tests start.
"""

import os
import sys

os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False
