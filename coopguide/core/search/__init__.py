"""The French full-text search over the content (SQLite FTS5). Imports core.content and core.shared."""
