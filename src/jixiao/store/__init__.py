"""The store (存储): documents, runs, forms, findings and reviews kept across runs and years.

SQLite by default, PostgreSQL by URL, the schema made and changed only by Alembic migrations.
What other parts use (imported from their modules, so that ``import jixiao`` stays light):

- ``store.engine.open_store(db=None) -> Store`` — open (and migrate) the store; ``Store.reading()``
  and ``Store.writing()`` give SQLAlchemy sessions;
- ``store.query.records(session, unit=None, kind=None, year=None) -> Iterator[FileRecord]`` — the
  current record of each stored document, type-exact from the run's contract;
- ``store.query.review_status(session, sha256) -> dict[str, str]`` — each finding's status by
  fingerprint (open, confirmed, dismissed, fixed);
- ``store.ingest.ingest(store, paths, options, recheck, jobs, budget) -> Summary`` — ``jixiao db ingest``.
"""
