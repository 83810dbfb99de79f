"""History (历次比对): one unit across resubmissions and years, compared by fingerprint.

``compare(old, new)`` takes two contract records (``FileRecord``) and gives a ``Comparison``:
findings fixed / new / still open, forms matched old ↔ new with targets loosened, indicators
removed and added, totals, grades, execution rates and amounts year on year. ``history(records)``
orders one unit's records by year and compares each consecutive pair (``db history UNIT``).
``jixiao diff OLD NEW`` is the command (``history.cli``).
"""

from .compare import compare, history
from .model import Comparison, History

__all__ = ["Comparison", "History", "compare", "history"]
