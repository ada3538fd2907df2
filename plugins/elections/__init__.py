"""The election engine (选举): the functional core shared by the regulations that elect.

Pure functions over frozen values, no database and no interface:

* :mod:`plugins.elections.values` — an election's setup and its rounds (seats per
  office, candidates, the electorate, turnout, ballots issued and returned), ballots
  (✓ 赞成, × 不赞成, △ 弃权, 另选他人), tally sheets (计票单) and results that record
  every step with the threshold, its base and the clause cited;
* :mod:`plugins.elections.rulesets` — the two rule sets, ``union_presidium``
  (student-union-bylaws.txt, 主席团成员选举办法) and ``village_committee``
  (village-committee-election.txt, 选举操作规程), every threshold read from the
  regulation's own words;
* :mod:`plugins.elections.rules` — counting ballots in one pass, deciding a round, a
  whole election, and whether its result can be certified.
"""
