"""The `zv` command: the core services, headless, for scripts and administrators."""
