"""Storage: SQLAlchemy 2 (async) models, repositories implementing the core ports, migrations."""
