"""APScheduler wiring and the business calendar; job functions take ids and reload state."""
