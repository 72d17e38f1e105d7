"""Exit codes of docs/cli.md, and the exception that means 'usage error'."""

from __future__ import annotations

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """The command line names something that cannot be used (exit 2)."""
