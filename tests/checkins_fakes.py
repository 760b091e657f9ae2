"""Old import path, kept as a thin re-export for tests written against it: the module is
tests/support/checkins.py."""

from tests.support.checkins import *  # re-export
