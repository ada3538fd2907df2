"""``python -m bench``: every scenario, one table (see bench.run)."""

import sys

from bench.run import main

if __name__ == "__main__":  # not in the processes that run each scenario (bench.run)
    sys.exit(main())
