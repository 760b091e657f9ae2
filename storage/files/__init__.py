"""File formats shared by every job: one spreadsheet writer, charts."""
