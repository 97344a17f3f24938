-- jixiao schema, version 3: 报送 (period locking) and an append-only change log
-- (issue 12).

-- A quarter of a project submitted (报送): its actuals and spending are locked
-- while `locked` is 1. Unlocking keeps the row (locked = 0) with its reason, so
-- the change log records who unlocked, when and why; submitting again sets it back.
CREATE TABLE submissions (
    id            INTEGER PRIMARY KEY,
    project_id    INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    period        TEXT NOT NULL,
    locked        INTEGER NOT NULL DEFAULT 1 CHECK (locked IN (0, 1)),
    submitted_at  TEXT NOT NULL,
    unlock_reason TEXT,
    UNIQUE (project_id, period)
);

-- The change log learns the new entity (rebuilt as in 0002: a CHECK cannot change
-- in place; the legacy rename keeps SQLite from checking the triggers' bodies).
CREATE TABLE change_log_new (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    who        TEXT NOT NULL,
    entity     TEXT NOT NULL CHECK (entity IN ('target', 'actual', 'spending', 'acknowledgement', 'submission')),
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

-- The history is append-only: nothing may rewrite or remove it.
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log BEGIN
    SELECT RAISE(ABORT, '变更记录只能追加，不能修改');
END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log BEGIN
    SELECT RAISE(ABORT, '变更记录只能追加，不能删除');
END;

CREATE TRIGGER log_submission_insert AFTER INSERT ON submissions BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, new_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'submission', NEW.id, 'insert',
            json_object('project_id', NEW.project_id, 'period', NEW.period, 'locked', NEW.locked, 'submitted_at', NEW.submitted_at));
END;
CREATE TRIGGER log_submission_update AFTER UPDATE ON submissions BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, old_value, new_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'submission', NEW.id, 'update',
            json_object('project_id', OLD.project_id, 'period', OLD.period, 'locked', OLD.locked, 'submitted_at', OLD.submitted_at, 'unlock_reason', OLD.unlock_reason),
            json_object('project_id', NEW.project_id, 'period', NEW.period, 'locked', NEW.locked, 'submitted_at', NEW.submitted_at, 'unlock_reason', NEW.unlock_reason));
END;

-- A locked period refuses every write, whoever writes (the service says why
-- first; these are the last line). A project deleted or replaced by an import
-- takes its actuals and spending with it: refused too while a period is locked.
CREATE TRIGGER actuals_locked_insert BEFORE INSERT ON actuals
WHEN EXISTS (SELECT 1 FROM submissions s JOIN indicators i ON i.project_id = s.project_id
             WHERE i.id = NEW.indicator_id AND s.period = NEW.period AND s.locked = 1)
BEGIN SELECT RAISE(ABORT, '该期间已报送，数据已锁定'); END;
CREATE TRIGGER actuals_locked_update BEFORE UPDATE ON actuals
WHEN EXISTS (SELECT 1 FROM submissions s JOIN indicators i ON i.project_id = s.project_id
             WHERE i.id = OLD.indicator_id AND s.period = OLD.period AND s.locked = 1)
BEGIN SELECT RAISE(ABORT, '该期间已报送，数据已锁定'); END;
CREATE TRIGGER actuals_locked_delete BEFORE DELETE ON actuals
WHEN EXISTS (SELECT 1 FROM submissions s JOIN indicators i ON i.project_id = s.project_id
             WHERE i.id = OLD.indicator_id AND s.period = OLD.period AND s.locked = 1)
BEGIN SELECT RAISE(ABORT, '该期间已报送，数据已锁定'); END;
CREATE TRIGGER spending_locked_insert BEFORE INSERT ON spending
WHEN EXISTS (SELECT 1 FROM submissions s WHERE s.project_id = NEW.project_id AND s.period = NEW.period AND s.locked = 1)
BEGIN SELECT RAISE(ABORT, '该期间已报送，数据已锁定'); END;
CREATE TRIGGER spending_locked_update BEFORE UPDATE ON spending
WHEN EXISTS (SELECT 1 FROM submissions s WHERE s.project_id = OLD.project_id AND s.period = OLD.period AND s.locked = 1)
BEGIN SELECT RAISE(ABORT, '该期间已报送，数据已锁定'); END;
CREATE TRIGGER spending_locked_delete BEFORE DELETE ON spending
WHEN EXISTS (SELECT 1 FROM submissions s WHERE s.project_id = OLD.project_id AND s.period = OLD.period AND s.locked = 1)
BEGIN SELECT RAISE(ABORT, '该期间已报送，数据已锁定'); END;
