"""The main screen with its three tabs, and the modal screens (help, source, import path, error)."""
