"""Raw rows to one validated table of salaries: amounts, labels, the schema and the cleaned table."""
