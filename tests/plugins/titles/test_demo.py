"""The demo's ``ahrs``: the screening and ``zhidu check`` find each planted case."""

from __future__ import annotations

from datetime import date

from core.demo import load_demo
from core.services.checks import run_checks
from core.services.context import Context
from plugins.titles import services


def test_the_screening_finds_the_planted_cases(tctx: Context) -> None:
    load_demo(tctx)
    report = services.screen(tctx, "ahrs", 2026)
    by_name = {s.applicant.name: s for s in report.screenings}
    missed = {n: [c.key for c in s.missed] for n, s in by_name.items()}
    assert missed == {
        "许文静": ["not_barred"],  # 公务员 (第六十五条)
        "潘宏": ["transfer_post"],  # 转评 after one year: 2027-03-15 (第三十四条)
        "秦川": ["exception_consent"],  # 破格 without consent (第四十条)
        "阮思远": [],  # 博士's first 中级 (第六十条)
        "单国庆": ["not_barred"],  # retired, re-employed (第六十五条)
        "温佳": [],
        "梁晨": [],  # 基本合格 2023 deducted: exactly five years on 2026-12-20
        "石磊": ["fraud_ban"],  # until 2028-10-20 (第五十三条)
    }
    assert report.counts == {"eligible": 3, "ineligible": 5, "undetermined": 0}
    years = next(c for c in by_name["梁晨"].conditions if c.key == "years")
    assert dict(years.dates)["reached"] == date(2026, 12, 20)
    assert "2023年度基本合格扣除1年" in years.message_zh
    transfer = next(c for c in by_name["潘宏"].conditions if c.key == "transfer_post")
    assert dict(transfer.dates)["reached"] == date(2027, 3, 15)
    ban = next(c for c in by_name["石磊"].conditions if c.key == "fraud_ban")
    assert dict(ban.dates)["free_from"] == date(2028, 10, 20)
    first = next(c for c in by_name["阮思远"].conditions if c.key == "first_intermediate")
    assert first.met and first.citation.article == "第六十条"
    findings = run_checks(tctx, "ahrs").findings
    assert {f.subject for f in findings if f.plugin == "titles"} == {
        "许文静", "潘宏", "秦川", "单国庆", "石磊"
    }  # fmt: skip
