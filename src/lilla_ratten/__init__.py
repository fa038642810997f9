"""Lilla Ratten: Stockholm city's project model for development projects, in the terminal."""

__version__ = "0.1.0"
