"""Reusable widgets: the project tree and card, a copyable table, a target-spread chart, import progress."""
