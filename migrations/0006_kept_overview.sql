-- 总览 at bureau scale (issue 17): its sums are kept in the file, so that an
-- everyday start shows them without evaluating every project of the year again.
-- `revision` counts the file's write transactions (`Store::write` adds one in
-- each); a kept 总览 is used only while the file is at the revision it was made
-- at and the program asking is the one that made it (`service::overview`).
CREATE TABLE revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n INTEGER NOT NULL
);
INSERT INTO revision (id, n) VALUES (1, 0);

CREATE TABLE kept_overviews (
    year INTEGER NOT NULL,
    -- the unit's code, '' for all units
    unit TEXT NOT NULL,
    revision INTEGER NOT NULL,
    program TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (year, unit)
) WITHOUT ROWID;
