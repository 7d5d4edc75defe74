"""The fonts embedded in printed documents (DejaVu, see LICENSE-DejaVu.txt)."""
