"""Budget reconciliation for Lilla Ratten projects: ``[ext.budget]``."""

__version__ = "0.1.0"
