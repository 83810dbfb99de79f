"""jixiao (绩效): read, recompute and check Chinese budget-performance documents."""

__version__ = "0.1.0"
