"""Check-in tables, repository and form definition files."""
