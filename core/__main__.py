"""``python -m core``: the headless command line (see core/cli.py)."""
import sys

from .cli import main

sys.exit(main())
