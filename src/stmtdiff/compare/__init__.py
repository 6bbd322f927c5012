"""Two statements: clause alignment, word-level changes, new phrases."""
