"""Alembic migrations of the store (存储库迁移): the only way its schema is made or changed."""
