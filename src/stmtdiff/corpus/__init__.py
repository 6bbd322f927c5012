"""Reading series and statements, resolving ids, writing texts and metadata."""
