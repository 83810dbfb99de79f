"""Prose written from the tables (据表生成文字): 情况说明 and the self-evaluation report's paragraphs."""
