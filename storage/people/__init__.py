"""People registry tables, repository and roster file formats."""
