"""Self-sufficiency step tracking for Lilla Ratten projects: ``[ext.steps]``."""

__version__ = "0.1.0"
