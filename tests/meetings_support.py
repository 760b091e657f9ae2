"""Old import path, kept as a thin re-export for tests written against it: the module is
tests/support/meetings.py."""

from tests.support.meetings import *  # re-export
