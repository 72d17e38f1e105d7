"""Screens: the protocol list, one protocol, the exercise library."""
