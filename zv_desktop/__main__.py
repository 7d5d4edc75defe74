"""`python -m zv_desktop` starts the desktop client."""

import sys

from zv_desktop.app import main

sys.exit(main())
