"""Meeting tables and repository."""
