"""``python -m gui`` opens NumNet Studio."""
import sys

from .app import main

sys.exit(main())
