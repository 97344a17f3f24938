-- jixiao schema, version 2: 已知悉 (issue 13). An officer marks a finding of the
-- 绩效目标审核 as known, with a note the review form prints.

-- One finding of one project, as the review names it: the rule's id (review.md),
-- the indicator's level-3 name (NULL for a finding on the whole table) and the
-- message. When the finding changes (the target is edited), it is a new finding.
CREATE TABLE acknowledgements (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    rule       TEXT NOT NULL,
    indicator  TEXT,
    message    TEXT NOT NULL,
    note       TEXT NOT NULL,
    who        TEXT NOT NULL,
    at         TEXT NOT NULL
);
CREATE UNIQUE INDEX acknowledgements_key ON acknowledgements(project_id, rule, coalesce(indicator, ''), message);

-- The change log learns the new entity. SQLite cannot change a CHECK in place:
-- the table is rebuilt with its rows. The triggers of 0001 name `change_log` in
-- their bodies only, so the renamed table is theirs again; the legacy rename keeps
-- SQLite from checking those bodies while the old table is gone.
CREATE TABLE change_log_new (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    who        TEXT NOT NULL,
    entity     TEXT NOT NULL CHECK (entity IN ('target', 'actual', 'spending', 'acknowledgement')),
    entity_id  INTEGER NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    old_value  TEXT,
    new_value  TEXT
);
INSERT INTO change_log_new (id, at, who, entity, entity_id, action, old_value, new_value)
    SELECT id, at, who, entity, entity_id, action, old_value, new_value FROM change_log;
DROP TABLE change_log;
PRAGMA legacy_alter_table = ON;
ALTER TABLE change_log_new RENAME TO change_log;
PRAGMA legacy_alter_table = OFF;

CREATE TRIGGER log_acknowledgement_insert AFTER INSERT ON acknowledgements BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, new_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'acknowledgement', NEW.id, 'insert', json_object('project_id', NEW.project_id, 'rule', NEW.rule, 'indicator', NEW.indicator, 'message', NEW.message, 'note', NEW.note));
END;

CREATE TRIGGER log_acknowledgement_update AFTER UPDATE ON acknowledgements BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, old_value, new_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'acknowledgement', NEW.id, 'update', json_object('project_id', OLD.project_id, 'rule', OLD.rule, 'indicator', OLD.indicator, 'message', OLD.message, 'note', OLD.note), json_object('project_id', NEW.project_id, 'rule', NEW.rule, 'indicator', NEW.indicator, 'message', NEW.message, 'note', NEW.note));
END;

CREATE TRIGGER log_acknowledgement_delete AFTER DELETE ON acknowledgements BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, old_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'acknowledgement', OLD.id, 'delete', json_object('project_id', OLD.project_id, 'rule', OLD.rule, 'indicator', OLD.indicator, 'message', OLD.message, 'note', OLD.note));
END;
