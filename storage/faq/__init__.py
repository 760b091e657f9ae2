"""FAQ tables, repository, question log and FAQ file formats."""
