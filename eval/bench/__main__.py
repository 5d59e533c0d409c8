"""`python -m eval.bench`: the same as `vca bench`."""

import sys

from eval.bench import main

sys.exit(main())
