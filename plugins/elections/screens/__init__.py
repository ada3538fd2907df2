"""The elections plugin's screens (its ``zhidu_screens`` hook), one per module:

* :mod:`.elections` — the organization's elections, their votes and results;
* :mod:`.ballots` — ballot entry for the open vote, one key per name as the ballot is
  read aloud (唱票), with the running tally;
* :mod:`.result` — a result: the outcome, who is elected, and every step with its
  numbers, threshold, base and clause; certification.

:mod:`.tally` is the running tally the ballot screen keeps (not a screen).
"""
