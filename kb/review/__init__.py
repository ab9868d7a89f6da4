"""Checks on what units filed: self-evaluations (自评表) scored as the national guidance scores them."""
