"""Service functions shared by the desktop client, the `zv` command and the reports."""
