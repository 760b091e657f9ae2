"""The application shell: composition root, CLI, server, settings, logging, metrics."""
