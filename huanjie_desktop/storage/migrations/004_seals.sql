-- Seals: every row of the tables a count rests on carries a hash of its contents, written by
-- the app (temporary triggers on its own connection, see storage/db.py) at each insert and
-- update. A row changed with another tool keeps its old seal: `huanjie verify` notices.
ALTER TABLE sheets ADD COLUMN seal TEXT;
ALTER TABLE box_counts ADD COLUMN seal TEXT;
ALTER TABLE people ADD COLUMN seal TEXT;
ALTER TABLE candidates ADD COLUMN seal TEXT;
