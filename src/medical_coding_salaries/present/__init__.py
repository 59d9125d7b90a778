"""How results look: number formats, captioned tables and figures, prose, charts and styles (no analysis here)."""
