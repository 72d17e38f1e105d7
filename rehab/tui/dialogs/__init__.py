"""Modal dialogs: each gathers one decision or one form and dismisses with a typed value."""
