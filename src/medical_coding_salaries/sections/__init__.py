"""One module per report section: each computes its results, states its findings and shapes its tables."""
