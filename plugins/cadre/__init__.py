"""The ``cadre`` plugin: 广东药科大学党政领导干部选拔任用与管理实施办法（试行）
(cadre-selection-appointment.txt, 广药大党发〔2017〕42号) for a university's 党委组织部.

Layout (docs/cadre.md):

- pure rules over attrs values — :mod:`~plugins.cadre.vocabulary` (ranks, ways, the
  citation helper), ``eligibility`` (第九、十、十一条), ``committee`` (第十六条 votes),
  ``procedure`` (第十二–二十一条, 第三十四条), ``tenure`` (第二十二、二十三条),
  ``avoidance`` (第二十四、二十五条), ``management`` (第二十六–三十三条);
- the shell — ``tables/`` (peewee models of ``migrations/``), ``services/`` (authorized,
  transactional, audited), ``commands/`` (``zhidu cadre …``), ``screens/``, ``demo/``.
"""
