"""PosDesk application core: domain, use cases, storage and secrets. Plain Python, no Qt."""

__version__ = "0.1.0"
