-- Several laptops, one result (issue 8): signing keys, registered stations, imported packages
-- and records, the stations' own audit entries, and operator accounts.
-- See huanjie_desktop/app/stations.py and app/accounts.py for the design.

-- This laptop's own Ed25519 key pair (at most one). On the main laptop it is made on first
-- use (role 'main'); on a station it arrives inside the station package (role 'station').
-- The private key is stored unencrypted, like meta 'ballot_key': the election file is the
-- trust boundary (see app/stations.py).
CREATE TABLE station_identity (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  role TEXT NOT NULL CHECK (role IN ('main', 'station')),
  name TEXT NOT NULL,
  public_key TEXT NOT NULL,
  private_key TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- Public keys this file knows. On the main laptop: one row per station package issued
-- (role 'station'); on a station: the main laptop's key (role 'main').
-- `fingerprint` is the election fingerprint the package was made for.
CREATE TABLE stations (
  public_key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('main', 'station')),
  fingerprint TEXT NOT NULL,
  registered_at TEXT NOT NULL,
  registered_by TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
) STRICT;
CREATE INDEX stations_name ON stations(name);

-- Results packages imported here; the signed manifest is kept so that `huanjie verify` can
-- check every imported record against it later.
CREATE TABLE imported_packages (
  digest TEXT PRIMARY KEY,
  station TEXT NOT NULL,
  public_key TEXT NOT NULL REFERENCES stations(public_key),
  exported_at TEXT NOT NULL,
  audit_seq INTEGER NOT NULL CHECK (audit_seq >= 0),
  at TEXT NOT NULL,
  operator TEXT NOT NULL,
  manifest TEXT NOT NULL,
  signature TEXT NOT NULL,
  added INTEGER NOT NULL CHECK (added >= 0),
  updated INTEGER NOT NULL CHECK (updated >= 0)
) STRICT;
CREATE INDEX imported_packages_station ON imported_packages(station, audit_seq);

-- One row per record that came from a station: its key at the station, the row that holds
-- it here (`local_id`), the digest of its fixed content, the last state the station sent,
-- and the reasons this file added on its own (e.g. serial_conflict).
CREATE TABLE imported_records (
  station TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('sheet', 'decision', 'manual_entry', 'box_count')),
  key TEXT NOT NULL,
  local_id TEXT NOT NULL,
  digest TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT '{}',
  flags TEXT NOT NULL DEFAULT '[]',
  package TEXT NOT NULL REFERENCES imported_packages(digest),
  PRIMARY KEY (station, kind, key)
) STRICT;
CREATE INDEX imported_records_local ON imported_records(kind, local_id);

-- The stations' audit logs, kept apart from this file's own chain; each is verified per
-- station with the same hash formula as `audit`.
CREATE TABLE station_audit (
  station TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq >= 1),
  event TEXT NOT NULL,
  at TEXT NOT NULL,
  operator TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  package TEXT NOT NULL REFERENCES imported_packages(digest),
  PRIMARY KEY (station, seq)
) STRICT;
CREATE TRIGGER station_audit_no_update BEFORE UPDATE ON station_audit
BEGIN SELECT RAISE(ABORT, 'imported audit entries are append-only'); END;
CREATE TRIGGER station_audit_no_delete BEFORE DELETE ON station_audit
BEGIN SELECT RAISE(ABORT, 'imported audit entries are append-only'); END;

-- Operator accounts. While this table is empty the file runs in single-desk mode.
-- password_hash: 'scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>'.
CREATE TABLE accounts (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('admin', 'counter', 'scrutineer', 'chief_scrutineer')),
  password_hash TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
