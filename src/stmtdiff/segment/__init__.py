"""From text to clauses: typography folding, layout, the spaCy pipeline."""
