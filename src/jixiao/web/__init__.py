"""The review workbench (审核工作台): a web application on the store."""
