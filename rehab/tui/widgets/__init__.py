"""Widgets shared by screens and dialogs."""
