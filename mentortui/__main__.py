"""`python -m mentortui` runs the command line."""

import sys

from mentortui.cli import main

sys.exit(main())
