"""The Qt layer: widgets on top of :mod:`coopguide.core`. Imports point one way, ui → core."""
