"""Gender and intersectional breakdowns with small-group protection: ``[ext.equality]``."""

__version__ = "0.1.0"
