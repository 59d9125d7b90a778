"""Charts, one module per subject; each draws from a frame a section computed."""
