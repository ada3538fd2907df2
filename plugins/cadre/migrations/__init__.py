"""The cadre plugin's schema migrations: ``m0001_records`` (eligibility's facts),
``m0002_management`` (assessments, sanctions, audits, retention), ``m0003_cases`` (the
selection procedure). Each is a frozen copy of its ``tables`` module; never edited
once landed."""
