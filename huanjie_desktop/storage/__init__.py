"""SQLite election files: schema, migrations, repositories and the hash-chained audit log."""
