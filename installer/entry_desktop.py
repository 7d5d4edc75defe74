"""Entry point of the bundled desktop program (PyInstaller starts this file as `zv-desktop`)."""

import sys

from zv_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
