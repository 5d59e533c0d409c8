"""`python -m eval.bench`: the same as `vca bench`."""

import sys

from eval.bench.cli import main

sys.exit(main())
