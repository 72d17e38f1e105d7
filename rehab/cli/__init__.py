"""The command line: thin commands over the domain and storage packages.

Nothing here imports Textual or ReportLab at module level: `rehab check` in a pre-commit hook
should start in the time it takes to import pydantic, not a UI toolkit.
"""
