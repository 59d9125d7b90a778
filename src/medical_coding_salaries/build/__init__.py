"""From inputs to the published report: input checks, notebook engines, HTML, PDF and JSON, the command line."""
