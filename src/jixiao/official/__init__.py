"""Official tables (官方表样): the typed forms rendered as XLSX, DOCX and PDF."""
