"""Every threshold of the plugin: a ParameterSpec with its default from the text, its
citation and the date it applies from (:data:`FROM`); organizations override them from a
date (``zhidu param``). Each part declares its own ``SPECS``; this module only gathers them."""

from __future__ import annotations

from datetime import date

from core.api import ParameterSpec
from plugins.cadre.avoidance import SPECS as AVOIDANCE
from plugins.cadre.eligibility import SPECS as ELIGIBILITY
from plugins.cadre.management import SPECS as MANAGEMENT
from plugins.cadre.procedure import SPECS as CASES
from plugins.cadre.tenure import SPECS as TENURE

__all__ = ["FROM", "SPECS"]

FROM = date(2018, 1, 16)
"""The 实施办法 (广药大党发〔2017〕42号) as published on 2018-01-16: every default
applies from then."""

SPECS: tuple[ParameterSpec, ...] = (*ELIGIBILITY, *CASES, *TENURE, *AVOIDANCE, *MANAGEMENT)
