"""Every table of DX Desk, imported in one place so that `Base.metadata` is complete (Alembic,
`create_all` in tests)."""

from __future__ import annotations

from storage.assessment import models as assessment_models
from storage.base import Base
from storage.checkins import models as checkins_models
from storage.faq import models as faq_models
from storage.meetings import models as meetings_models
from storage.people import models as people_models
from storage.shared import blob_models, rate_share_models
from storage.shared import models as shared_models

__all__ = ["Base", "assessment_models", "blob_models", "checkins_models", "faq_models", "meetings_models",
           "people_models", "rate_share_models", "shared_models"]
