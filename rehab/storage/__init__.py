"""Files: reading TOML with positions, writing protocols atomically, loading library folders."""
