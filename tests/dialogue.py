"""Old import path, kept as a thin re-export for tests written against it: the one dialogue
helper is tests/support/dialogue.py."""

from tests.support.dialogue import *  # re-export
