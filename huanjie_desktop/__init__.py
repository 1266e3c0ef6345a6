"""huanjie (换届): offline ballot counting for party elections."""

__version__ = "0.1.0"
