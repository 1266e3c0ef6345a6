-- Core schema of an election file (.huanjie). STRICT tables, foreign keys on.
-- Conventions (enforced by tests/test_schema.py): every table is STRICT; every enum-like
-- TEXT column has a CHECK; times are ISO-8601 UTC text; booleans are INTEGER 0/1 with CHECK.

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE election (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  date TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('local', 'basic'))
) STRICT;

CREATE TABLE units (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  ordinal INTEGER NOT NULL
) STRICT;

CREATE TABLE people (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  gender TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', '男', '女')),
  ethnicity TEXT NOT NULL DEFAULT '',
  birth TEXT NOT NULL DEFAULT '',
  native_place TEXT NOT NULL DEFAULT '',
  id_number TEXT NOT NULL DEFAULT '',
  education TEXT NOT NULL DEFAULT '',
  party_join TEXT NOT NULL DEFAULT '',
  work_start TEXT NOT NULL DEFAULT '',
  workplace TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  unit TEXT REFERENCES units(code),
  has_vote INTEGER NOT NULL DEFAULT 1 CHECK (has_vote IN (0, 1)),
  badge_code TEXT NOT NULL UNIQUE,
  ordinal INTEGER NOT NULL
) STRICT;
CREATE INDEX people_unit ON people(unit);

CREATE TABLE contests (
  code TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('committee', 'alternate', 'discipline', 'delegate',
                                     'standing', 'secretary', 'deputy_secretary', 'other')),
  method TEXT NOT NULL CHECK (method IN ('competitive', 'uncontested')),
  seats INTEGER NOT NULL CHECK (seats > 0),
  unit TEXT REFERENCES units(code),
  ballot_style TEXT NOT NULL CHECK (ballot_style IN ('symbol', 'columns')),
  writein_columns INTEGER NOT NULL CHECK (writein_columns >= 0),
  threshold_base TEXT NOT NULL CHECK (threshold_base IN ('expected', 'present')),
  quorum_rule TEXT NOT NULL CHECK (quorum_rule IN ('half', 'two_thirds', 'four_fifths')),
  margin_min_pct INTEGER NOT NULL CHECK (margin_min_pct >= 0),
  margin_reason TEXT NOT NULL DEFAULT '',
  writein_needs_mark INTEGER NOT NULL DEFAULT 1 CHECK (writein_needs_mark IN (0, 1)),
  ordinal INTEGER NOT NULL
) STRICT;

CREATE TABLE candidates (
  contest TEXT NOT NULL REFERENCES contests(code),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  person TEXT REFERENCES people(code),
  annotation TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (contest, code)
) STRICT;

-- Rounds: 1 is the formal vote; later rounds are 另行选举 (supplementary) or 再次投票 (tie).
CREATE TABLE rounds (
  contest TEXT NOT NULL REFERENCES contests(code),
  number INTEGER NOT NULL CHECK (number >= 1),
  kind TEXT NOT NULL CHECK (kind IN ('formal', 'supplementary', 'tie')),
  seats INTEGER NOT NULL CHECK (seats > 0),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'void', 'certified')),
  opened_at TEXT NOT NULL,
  certified_at TEXT,
  certified_by TEXT,
  result_digest TEXT,
  result_json TEXT,
  PRIMARY KEY (contest, number)
) STRICT;

-- The candidates of a round in ballot order (position 0..n-1). Round 1 holds every candidate;
-- `order_override` records that an operator moved a name by hand.
CREATE TABLE round_candidates (
  contest TEXT NOT NULL,
  round INTEGER NOT NULL,
  candidate TEXT NOT NULL,
  position INTEGER NOT NULL CHECK (position >= 0),
  order_override INTEGER NOT NULL DEFAULT 0 CHECK (order_override IN (0, 1)),
  PRIMARY KEY (contest, round, candidate),
  UNIQUE (contest, round, position),
  FOREIGN KEY (contest, round) REFERENCES rounds(contest, number),
  FOREIGN KEY (contest, candidate) REFERENCES candidates(contest, code)
) STRICT;

CREATE TABLE officials (
  contest TEXT NOT NULL REFERENCES contests(code),
  person TEXT NOT NULL REFERENCES people(code),
  role TEXT NOT NULL CHECK (role IN ('chief_scrutineer', 'scrutineer', 'counter')),
  PRIMARY KEY (contest, person, role)
) STRICT;

CREATE TABLE checkins (
  person TEXT PRIMARY KEY REFERENCES people(code),
  at TEXT NOT NULL,
  operator TEXT NOT NULL
) STRICT;

-- Append-only audit log; each entry carries the hash of the one before (hash chain).
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY,
  event TEXT NOT NULL,
  at TEXT NOT NULL,
  operator TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Ballot printing.
CREATE TABLE print_runs (
  id INTEGER PRIMARY KEY,
  contest TEXT NOT NULL,
  round INTEGER NOT NULL,
  count INTEGER NOT NULL CHECK (count > 0),
  test INTEGER NOT NULL CHECK (test IN (0, 1)),
  at TEXT NOT NULL,
  operator TEXT NOT NULL,
  serials_digest TEXT NOT NULL,
  FOREIGN KEY (contest, round) REFERENCES rounds(contest, number)
) STRICT;

CREATE TABLE serials (
  serial TEXT PRIMARY KEY,
  print_run INTEGER NOT NULL REFERENCES print_runs(id),
  spoiled_reason TEXT,
  spoiled_at TEXT
) STRICT;

-- Scanned pages: one row per page image. `marks` is the compact per-position code string
-- (A agree, D disagree, N abstain, ? unclear) over the round's candidates in ballot order;
-- `final_marks` / `final_valid` are what counts after confirmed review decisions.
CREATE TABLE sheets (
  id TEXT PRIMARY KEY,
  station TEXT NOT NULL,
  source_file TEXT NOT NULL,
  page INTEGER NOT NULL CHECK (page >= 1),
  image_sha256 TEXT NOT NULL,
  image_path TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('counted', 'review', 'rejected', 'duplicate')),
  reason TEXT,
  reasons TEXT NOT NULL DEFAULT '[]',
  contest TEXT,
  round INTEGER,
  serial TEXT,
  ballot_valid INTEGER CHECK (ballot_valid IN (0, 1)),
  marks TEXT,
  writeins TEXT NOT NULL DEFAULT '[]',
  scores TEXT NOT NULL DEFAULT '{}',
  final_marks TEXT,
  final_valid INTEGER CHECK (final_valid IN (0, 1)),
  final_writeins TEXT NOT NULL DEFAULT '[]',
  source TEXT NOT NULL DEFAULT 'scan' CHECK (source IN ('scan', 'manual')),
  scanned_at TEXT NOT NULL,
  operator TEXT NOT NULL
) STRICT;
CREATE INDEX sheets_round ON sheets(contest, round, status);
CREATE INDEX sheets_serial ON sheets(serial);
CREATE INDEX sheets_image ON sheets(image_sha256);
CREATE UNIQUE INDEX sheets_source_page ON sheets(station, source_file, page, image_sha256);

-- Review decisions on held sheets: machine read → decided, by whom, why; counted only once a
-- different person confirms.
CREATE TABLE decisions (
  id INTEGER PRIMARY KEY,
  sheet TEXT NOT NULL REFERENCES sheets(id),
  machine TEXT NOT NULL,
  decided TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  confirmed_by TEXT,
  confirmed_at TEXT,
  superseded INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1))
) STRICT;
CREATE INDEX decisions_sheet ON decisions(sheet);

-- Ballots entered by hand (a sheet that cannot be scanned): two entries by two people.
CREATE TABLE manual_entries (
  id INTEGER PRIMARY KEY,
  contest TEXT NOT NULL,
  round INTEGER NOT NULL,
  label TEXT NOT NULL,
  entry_no INTEGER NOT NULL CHECK (entry_no IN (1, 2)),
  content TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  UNIQUE (contest, round, label, entry_no)
) STRICT;

-- Issued (发出) and collected (收回) per ballot box and station.
CREATE TABLE box_counts (
  contest TEXT NOT NULL,
  round INTEGER NOT NULL,
  box TEXT NOT NULL,
  station TEXT NOT NULL DEFAULT 'main',
  issued INTEGER CHECK (issued >= 0),
  collected INTEGER CHECK (collected >= 0),
  updated_at TEXT NOT NULL,
  operator TEXT NOT NULL,
  PRIMARY KEY (contest, round, box, station),
  FOREIGN KEY (contest, round) REFERENCES rounds(contest, number)
) STRICT;
