"""The rows of a sheet, read by a chain of small named rules (``chain.WIDE_RULES`` for a monthly table,
``chain.TEMPLATE_RULES`` for the template), then emitted.

Each rule looks at one row with what the rows above left in the context and either decides what the row is
(``RowKind``) or passes it on; some first complete the row (a Kennzahl carried down a merged cell, a total under
an area heading). Staging values, counting for the notes and reporting problems happen afterwards, in ``emit``.
Adding a rule means one file here, its place in ``chain`` and one test.
"""
