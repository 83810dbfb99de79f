"""The store's schema versions (迁移版本), oldest first."""
