"""`python -m tradetui`: the same command line as the `tradetui` script."""

import sys

from tradetui.cli import main

sys.exit(main())
