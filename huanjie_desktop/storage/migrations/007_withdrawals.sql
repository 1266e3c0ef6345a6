-- Hand entries taken out of the count that never became a ballot: a label entered by one
-- clerk only (mistyped, and the paper entered again under the other clerk's label) that
-- nobody will ever enter a second time. Proposed by a scrutineer, in effect once another
-- confirms; never deleted: put back with ``restored_*`` (a later withdrawal is a new row).
-- A sheet (scanned, or hand-entered and counted) is taken out by a review decision instead.
CREATE TABLE withdrawals (
  id INTEGER PRIMARY KEY,
  contest TEXT NOT NULL,
  round INTEGER NOT NULL,
  label TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  confirmed_by TEXT,
  confirmed_at TEXT,
  restored_by TEXT,
  restored_at TEXT,
  restore_reason TEXT,
  seal TEXT,
  FOREIGN KEY (contest, round) REFERENCES rounds(contest, number)
) STRICT;
CREATE INDEX withdrawals_label ON withdrawals(contest, round, label);
