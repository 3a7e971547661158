"""Allegiance: a dated, cited network of armed actors, built from reports.

Data flows through one sub-package per stage:
ingest → extract → resolve → store → analyse → serve/export.
"""

__version__ = "0.1.0"
