"""Arithmetic written in the prose (文中算式): “1470*(475-475*0.65-35)=40万元”.

The expression is evaluated exactly (``Decimal``; only numbers, + − × ÷ and brackets are
accepted) and compared with the stated result within its printed precision. A result stated in
万元 from inputs in 元 is accepted when the conversion agrees. Percentages (“(8.84/15)×100%=
58.93%”) are rates, recomputed in ``rates.py``.
"""

from __future__ import annotations

import ast
import re
from decimal import Decimal, DivisionByZero, InvalidOperation

from ..precision import Range, fmt
from . import Claim, quote
from .mentions import Passage

_EXPR = re.compile(r"(?<![\d.%(（])([(（]*\d[\d.]*(?:[)）]*[+\-*/×÷xX][(（]*\d[\d.]*[)）]*)+)=(\d+(?:\.\d+)?)"
                   r"(亿元|万元|元|人次|人|次|个|户|天)?(?![\d%])")
_OPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
        ast.Div: lambda a, b: a / b}


def evaluate(expr: str) -> Decimal | None:
    """The exact value of ``1470*(475-475*0.65-35)``; None for anything but plain arithmetic."""
    s = expr.translate(str.maketrans({"×": "*", "x": "*", "X": "*", "÷": "/", "（": "(", "）": ")"}))
    try:
        tree = ast.parse(s, mode="eval")
    except SyntaxError:
        return None

    def walk(node) -> Decimal:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
            return Decimal(ast.get_source_segment(s, node) or str(node.value))
        raise ValueError(node)

    try:
        return walk(tree)
    except (ValueError, DivisionByZero, InvalidOperation, ZeroDivisionError):
        return None


def read(ps: list[Passage]) -> list[Claim]:
    out = []
    for p in ps:
        for m in _EXPR.finditer(p.text):
            if p.text[max(0, m.start() - 1):m.start()] in ("-", "/") or re.fullmatch(r"[\d.\-/]+", m.group(1)) \
                    and "-" in m.group(1) and "*" not in m.group(1):
                continue   # dates and ranges, not arithmetic
            value = evaluate(m.group(1))
            if value is None:
                continue
            stated, unit = Decimal(m.group(2)), m.group(3) or ""
            printed = Range.printed(stated)
            ok = value in printed or (unit == "万元" and value / 10000 in printed)
            shown = value / 10000 if unit == "万元" and abs(value - stated) > abs(value / 10000 - stated) else value
            note = f"（{fmt(value)}元折合{fmt(shown, 2)}万元）" if shown is not value else ""
            out.append(Claim("arithmetic", quote(p, m.start(), m.end() + len(unit)), p.ref(m.start()),
                             f"{fmt(stated)}{unit}", f"{fmt(stated) if ok else fmt(shown, 2)}{unit}", ok,
                             f"{m.group(1).replace('*', '×').replace('/', '÷')} = {fmt(value)}{note}"))
    return out
