"""Moving data between files and offices: the JSON dump/load format (later: merge of SQLite files)."""
