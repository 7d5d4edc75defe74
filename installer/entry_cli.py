"""Entry point of the bundled command line (PyInstaller starts this file as `zv`)."""

import sys

from zv_desktop.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
