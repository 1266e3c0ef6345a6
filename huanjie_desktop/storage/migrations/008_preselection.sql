-- 预选 (a preliminary vote whose outcome is the formal candidate list): the contests that are
-- one. A table of its own rather than a column of contests: a new column would change the
-- seal of every contest row already sealed.
CREATE TABLE preselections (
  contest TEXT PRIMARY KEY REFERENCES contests(code),
  seal TEXT
) STRICT;
