"""python3 -m testbed summary RESULTS.json...: see testbed.results."""

import sys

from testbed.results import main

sys.exit(main(sys.argv[1:]))
