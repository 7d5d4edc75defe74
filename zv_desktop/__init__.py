"""ZV Desktop: target agreements (Zielvereinbarungen) for German social administrations."""

__version__ = "0.1.0"
