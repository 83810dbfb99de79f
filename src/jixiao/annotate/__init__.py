"""The submitted file, annotated (批注): every flagged cell highlighted, the finding as a comment."""
