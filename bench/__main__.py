"""``python -m bench``: every scenario, one table (see bench.run)."""

import sys

from bench.run import main

sys.exit(main())
