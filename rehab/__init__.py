"""rehab: exercise protocols for physiotherapy, checked for safety and printed as handouts."""

__version__ = "0.1.0"
