"""The cadre plugin's tables as peewee models, bound to the core's database proxy. One
module per part (``records``, ``management``, ``cases``), each matching its migration;
rows become the pure modules' attrs values through ``from_row`` at this edge."""

from __future__ import annotations

import peewee as pw

from core.api import db

__all__ = ["Model"]


class Model(pw.Model):
    """Base of every cadre table: ``cadre_*`` names, the core's database."""

    id = pw.AutoField()

    class Meta:
        database = db
        legacy_table_names = False
