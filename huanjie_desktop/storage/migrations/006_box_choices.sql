-- A ballot box reported by two station laptops (a replacement laptop entered the crashed
-- one's box again): which report the main laptop takes as the box's figures, decided by a
-- named person. ``take`` NULL: the reports are of different boxes under one label, every
-- one counts. ``stations``: the stations reporting the box when it was decided (JSON); a
-- report from another station afterwards opens the question again.
CREATE TABLE box_choices (
  contest TEXT NOT NULL,
  round INTEGER NOT NULL,
  box TEXT NOT NULL,
  take TEXT,
  stations TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  seal TEXT,
  PRIMARY KEY (contest, round, box),
  FOREIGN KEY (contest, round) REFERENCES rounds(contest, number)
) STRICT;
