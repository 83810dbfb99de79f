"""Build the hostile corpus into the folder named (default /tmp/hostile) and list the cases:
``python tests/hostile ROOT``, or ``python -m hostile ROOT`` from tests/."""

from __future__ import annotations

import sys
import time
from pathlib import Path

if __package__:
    from . import build
else:   # run as ``python tests/hostile``: import the package from the folder that holds it
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from hostile import build


def main() -> None:
    t = time.time()
    made = build(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/hostile"))
    for c in made:
        print(f"{c.kind:7} {c.name:45} {c.path}")
    print(f"{len(made)} cases in {time.time() - t:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
