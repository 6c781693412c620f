"""Readable facts about the file itself (who wrote it, when), for anyone opening it in a SQLite client.

The schema version lives in SQLite's ``user_version`` header field, not here, so it can be read
before any table is trusted.
"""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class PlanInfo(Base):
    __tablename__ = "plan_info"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(400))
