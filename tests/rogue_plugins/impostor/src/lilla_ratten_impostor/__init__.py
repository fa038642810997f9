"""Plugins that claim what the finsam plugin has (one entry point each)."""
