"""Shared by every part of the core: errors, paths, dates, French text folding. Imports nothing else from coopguide."""
