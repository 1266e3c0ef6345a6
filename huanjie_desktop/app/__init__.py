"""Use cases: set up an election, check in, print, scan, review, tally, certify, export, merge.

No Qt here: the CLI and the GUI both call these functions.
"""
