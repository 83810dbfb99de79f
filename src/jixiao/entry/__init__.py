"""Entry workbooks (填报工作簿): the official layouts as XLSX with live formulas."""
