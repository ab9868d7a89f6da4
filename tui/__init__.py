"""The Textual app (built lazily by `kb tui`)."""
