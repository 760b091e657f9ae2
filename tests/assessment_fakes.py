"""Old import path, kept as a thin re-export for tests written against it: the module is
tests/support/assessment.py."""

from tests.support.assessment import *  # re-export
