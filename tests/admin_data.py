"""Old import path, kept as a thin re-export for tests written against it: the module is
tests/support/admin.py."""

from tests.support.admin import *  # re-export
