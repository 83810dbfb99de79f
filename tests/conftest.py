import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def pg_server():
    """One real PostgreSQL server for the whole test session (tests/store_fixtures.py); no
    binaries is an error here, never a skip: CI installs them."""
    from store_fixtures import PostgresServer
    server = PostgresServer()
    yield server
    server.stop()
