"""Assessment tables, repository, question-bank files and exports."""
