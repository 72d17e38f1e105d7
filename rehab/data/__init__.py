"""Package data: the built-in exercise library and the condition catalog (TOML)."""
