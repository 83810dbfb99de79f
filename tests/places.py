"""The places of a finding: its own, and those of the same problem elsewhere (``also``)."""


def lines_of(f) -> set[int]:
    return ({f.ref.line} if f.ref else {0}) | {r.line for r in f.also}
