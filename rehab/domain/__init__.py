"""The domain: models, the exercise library, conditions and the rules that check protocols.

Nothing in this package touches files, terminals or PDFs, so every rule can be tested alone and
the CLI, the TUI and the handout renderer all share one definition of what a valid protocol is.
"""
