"""The schema of the latest version, as one list of statements: a first start creates the database
from it directly (~2 ms) instead of running every migration step through sqlite-utils (~55 ms).

The statements are exactly those ``sqlite_master`` holds after the steps of :mod:`migrations` ran
one by one; ``tests/core/test_schema.py`` compares both, so a new migration step must update this
list too (dump it from a migrated database).
"""

from __future__ import annotations

SCHEMA_VERSION = 7  # the version these statements build; checked against migrations.LATEST_VERSION

SCHEMA_SQL = (
    (
        'CREATE TABLE "dossiers" (\n'
        '   "id" INTEGER PRIMARY KEY,\n'
        '   "name" TEXT NOT NULL,\n'
        "   \"description\" TEXT DEFAULT '',\n"
        '   "created_at" TEXT NOT NULL\n'
        ', "members" TEXT NOT NULL DEFAULT \'[]\', "archived_at" TEXT, "deleted_at" TEXT, "updated_at" TEXT,'
        " scope TEXT)"
    ),
    ('CREATE UNIQUE INDEX "idx_dossiers_name"\n    ON "dossiers" ("name")'),
    ('CREATE TABLE "settings" (\n   "key" TEXT PRIMARY KEY,\n   "value" TEXT\n)'),
    (
        'CREATE TABLE "item_progress" (\n'
        '   "dossier_id" INTEGER NOT NULL REFERENCES "dossiers"("id"),\n'
        '   "item_id" TEXT NOT NULL,\n'
        "   \"state\" TEXT NOT NULL DEFAULT '',\n"
        "   \"done_at\" TEXT NOT NULL DEFAULT '',\n"
        "   \"done_by\" TEXT NOT NULL DEFAULT '',\n"
        "   \"note\" TEXT NOT NULL DEFAULT '',\n"
        "   \"due\" TEXT NOT NULL DEFAULT '',\n"
        "   \"assignee\" TEXT NOT NULL DEFAULT '',\n"
        "   \"updated_at\" TEXT NOT NULL DEFAULT '',\n"
        "   \"item_text\" TEXT NOT NULL DEFAULT '',\n"
        "   \"content_edition\" TEXT NOT NULL DEFAULT '', due_rule TEXT NOT NULL DEFAULT '',\n"
        '   PRIMARY KEY ("dossier_id", "item_id")\n'
        ")"
    ),
    (
        'CREATE TABLE "bookmarks" (\n'
        '   "target" TEXT PRIMARY KEY,\n'
        '   "title" TEXT NOT NULL,\n'
        '   "created_at" TEXT NOT NULL\n'
        ")"
    ),
    ('CREATE TABLE "recent_guides" (\n   "guide_id" TEXT PRIMARY KEY,\n   "opened_at" TEXT NOT NULL\n)'),
    (
        'CREATE TABLE "sessions" (\n'
        '   "id" INTEGER PRIMARY KEY,\n'
        '   "date" TEXT NOT NULL,\n'
        "   \"place\" TEXT NOT NULL DEFAULT '',\n"
        '   "attendees" INTEGER NOT NULL DEFAULT 0,\n'
        "   \"topics\" TEXT NOT NULL DEFAULT '',\n"
        "   \"notes\" TEXT NOT NULL DEFAULT '',\n"
        '   "created_at" TEXT NOT NULL,\n'
        '   "updated_at" TEXT NOT NULL\n'
        ", name TEXT NOT NULL DEFAULT '', preset TEXT NOT NULL DEFAULT '')"
    ),
    ('CREATE INDEX "idx_sessions_date"\n    ON "sessions" ("date")'),
    (
        "CREATE TABLE dossier_updates ( id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " dossier_id INTEGER NOT NULL REFERENCES dossiers(id), data BLOB NOT NULL)"
    ),
    "CREATE INDEX dossier_updates_by_dossier ON dossier_updates (dossier_id, id)",
    (
        "CREATE TABLE session_groups ( session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,"
        " position INTEGER NOT NULL, name TEXT NOT NULL,"
        " dossier_id INTEGER REFERENCES dossiers(id) ON DELETE SET NULL, PRIMARY KEY (session_id, position))"
    ),
    "CREATE INDEX session_groups_by_dossier ON session_groups (dossier_id)",
    (
        "CREATE TABLE dossier_dates ( dossier_id INTEGER NOT NULL REFERENCES dossiers(id), kind TEXT NOT NULL,"
        " date TEXT NOT NULL, label TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL DEFAULT '',"
        " PRIMARY KEY (dossier_id, kind))"
    ),
)
