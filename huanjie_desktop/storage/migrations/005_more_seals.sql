-- More seals (see 004): what decides whom a mark counts for and what a result means — a
-- round's ballot order and seats, the contests' rules, the check-ins (实到), the officials,
-- the review decisions and hand entries, the printed serials, the election itself and the
-- accounts (their rights). A row changed with another tool keeps a stale seal.
ALTER TABLE election ADD COLUMN seal TEXT;
ALTER TABLE units ADD COLUMN seal TEXT;
ALTER TABLE contests ADD COLUMN seal TEXT;
ALTER TABLE rounds ADD COLUMN seal TEXT;
ALTER TABLE round_candidates ADD COLUMN seal TEXT;
ALTER TABLE officials ADD COLUMN seal TEXT;
ALTER TABLE checkins ADD COLUMN seal TEXT;
ALTER TABLE decisions ADD COLUMN seal TEXT;
ALTER TABLE manual_entries ADD COLUMN seal TEXT;
ALTER TABLE print_runs ADD COLUMN seal TEXT;
ALTER TABLE serials ADD COLUMN seal TEXT;
ALTER TABLE accounts ADD COLUMN seal TEXT;
