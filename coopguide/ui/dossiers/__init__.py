"""Dossiers: the controller (start path), its dialogs, its lazily loaded handlers and the undo steps."""
