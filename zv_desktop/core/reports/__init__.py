"""Printed documents as PDF (ReportLab): the agreement, the Sitzungsvorlage, the achievement report, the comparison.

Each report module builds a ``Document`` (header texts and flowables) from the data file; ``output.save_pdf``
renders it with the shared page frame (``document.py``) and writes it atomically. No Qt here.
"""
