"""Coopguide: an offline handbook and checklists for people who run a company together."""

__version__ = "0.1.0"
APP_NAME = "Coopguide"
