"""The Textual app: a thin shell over the same check, save and export functions as the CLI."""
