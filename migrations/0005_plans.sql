-- jixiao schema, version 5: plans and their main indicators (规划主要指标,
-- issue 16), each year's actual, and the verdicts on qualitative indicators.
-- Values are decimal TEXT as everywhere; milestones and responsible units are
-- JSON arrays kept with their indicator (they change with it).

CREATE TABLE plans (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    document   TEXT,
    issuer     TEXT,
    issued_on  TEXT,
    base_year  INTEGER NOT NULL,
    end_year   INTEGER NOT NULL CHECK (end_year > base_year),
    keeper     TEXT
);

CREATE TABLE plan_indicators (
    id               INTEGER PRIMARY KEY,
    plan_id          INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    code             TEXT NOT NULL,
    section          TEXT,
    name             TEXT NOT NULL,
    unit             TEXT,
    kind             TEXT NOT NULL CHECK (kind IN ('level', 'growth', 'average', 'cumulative', 'annual', 'rank', 'qualitative')),
    attribute        TEXT CHECK (attribute IN ('预期性', '约束性')),
    direction        TEXT NOT NULL CHECK (direction IN ('up', 'down')),
    baseline_text    TEXT,
    baseline_value   TEXT,
    baseline_year    INTEGER,
    baseline_approx  INTEGER NOT NULL DEFAULT 0 CHECK (baseline_approx IN (0, 1)),
    target_text      TEXT NOT NULL,
    target_op        TEXT,
    target_value     TEXT,
    target_value_max TEXT,
    target_year      INTEGER NOT NULL,
    milestones       TEXT NOT NULL DEFAULT '[]',
    responsible      TEXT NOT NULL DEFAULT '[]',
    source           TEXT,
    UNIQUE (plan_id, code)
);

CREATE TABLE plan_actuals (
    id           INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES plan_indicators(id) ON DELETE CASCADE,
    year         INTEGER NOT NULL,
    value        TEXT NOT NULL,
    note         TEXT,
    UNIQUE (indicator_id, year)
);

CREATE TABLE plan_verdicts (
    id           INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES plan_indicators(id) ON DELETE CASCADE,
    year         INTEGER NOT NULL,
    status       TEXT NOT NULL,
    note         TEXT NOT NULL,
    UNIQUE (indicator_id, year)
);

-- The change log learns the new entities (rebuilt as in 0003).
CREATE TABLE change_log_new (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    who        TEXT NOT NULL,
    entity     TEXT NOT NULL CHECK (entity IN ('target', 'actual', 'spending', 'acknowledgement', 'submission',
                                              'plan', 'plan_indicator', 'plan_actual', 'plan_verdict')),
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

CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log BEGIN
    SELECT RAISE(ABORT, '变更记录只能追加，不能修改');
END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log BEGIN
    SELECT RAISE(ABORT, '变更记录只能追加，不能删除');
END;

CREATE TRIGGER log_plan_insert AFTER INSERT ON plans BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, new_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'plan', NEW.id, 'insert',
            json_object('code', NEW.code, 'name', NEW.name, 'document', NEW.document, 'issuer', NEW.issuer, 'issued_on', NEW.issued_on, 'base_year', NEW.base_year, 'end_year', NEW.end_year, 'keeper', NEW.keeper));
END;
CREATE TRIGGER log_plan_update AFTER UPDATE ON plans BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, old_value, new_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'plan', NEW.id, 'update',
            json_object('code', OLD.code, 'name', OLD.name, 'document', OLD.document, 'issuer', OLD.issuer, 'issued_on', OLD.issued_on, 'base_year', OLD.base_year, 'end_year', OLD.end_year, 'keeper', OLD.keeper),
            json_object('code', NEW.code, 'name', NEW.name, 'document', NEW.document, 'issuer', NEW.issuer, 'issued_on', NEW.issued_on, 'base_year', NEW.base_year, 'end_year', NEW.end_year, 'keeper', NEW.keeper));
END;
CREATE TRIGGER log_plan_delete AFTER DELETE ON plans BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, old_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'plan', OLD.id, 'delete',
            json_object('code', OLD.code, 'name', OLD.name, 'document', OLD.document, 'issuer', OLD.issuer, 'issued_on', OLD.issued_on, 'base_year', OLD.base_year, 'end_year', OLD.end_year, 'keeper', OLD.keeper));
END;

CREATE TRIGGER log_plan_indicator_insert AFTER INSERT ON plan_indicators BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, new_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'plan_indicator', NEW.id, 'insert',
            json_object('plan_id', NEW.plan_id, 'code', NEW.code, 'name', NEW.name, 'unit', NEW.unit, 'kind', NEW.kind, 'attribute', NEW.attribute, 'direction', NEW.direction,
                        'baseline', NEW.baseline_text, 'baseline_value', NEW.baseline_value, 'baseline_year', NEW.baseline_year, 'baseline_approx', NEW.baseline_approx,
                        'target', NEW.target_text, 'op', NEW.target_op, 'value', NEW.target_value, 'value_max', NEW.target_value_max, 'target_year', NEW.target_year,
                        'milestones', NEW.milestones, 'responsible', NEW.responsible));
END;
CREATE TRIGGER log_plan_indicator_update AFTER UPDATE ON plan_indicators BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, old_value, new_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'plan_indicator', NEW.id, 'update',
            json_object('plan_id', OLD.plan_id, 'code', OLD.code, 'name', OLD.name, 'unit', OLD.unit, 'kind', OLD.kind, 'attribute', OLD.attribute, 'direction', OLD.direction,
                        'baseline', OLD.baseline_text, 'baseline_value', OLD.baseline_value, 'baseline_year', OLD.baseline_year, 'baseline_approx', OLD.baseline_approx,
                        'target', OLD.target_text, 'op', OLD.target_op, 'value', OLD.target_value, 'value_max', OLD.target_value_max, 'target_year', OLD.target_year,
                        'milestones', OLD.milestones, 'responsible', OLD.responsible),
            json_object('plan_id', NEW.plan_id, 'code', NEW.code, 'name', NEW.name, 'unit', NEW.unit, 'kind', NEW.kind, 'attribute', NEW.attribute, 'direction', NEW.direction,
                        'baseline', NEW.baseline_text, 'baseline_value', NEW.baseline_value, 'baseline_year', NEW.baseline_year, 'baseline_approx', NEW.baseline_approx,
                        'target', NEW.target_text, 'op', NEW.target_op, 'value', NEW.target_value, 'value_max', NEW.target_value_max, 'target_year', NEW.target_year,
                        'milestones', NEW.milestones, 'responsible', NEW.responsible));
END;
CREATE TRIGGER log_plan_indicator_delete AFTER DELETE ON plan_indicators BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, old_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'plan_indicator', OLD.id, 'delete',
            json_object('plan_id', OLD.plan_id, 'code', OLD.code, 'name', OLD.name, 'unit', OLD.unit, 'kind', OLD.kind, 'attribute', OLD.attribute, 'direction', OLD.direction,
                        'baseline', OLD.baseline_text, 'baseline_value', OLD.baseline_value, 'baseline_year', OLD.baseline_year, 'baseline_approx', OLD.baseline_approx,
                        'target', OLD.target_text, 'op', OLD.target_op, 'value', OLD.target_value, 'value_max', OLD.target_value_max, 'target_year', OLD.target_year,
                        'milestones', OLD.milestones, 'responsible', OLD.responsible));
END;

CREATE TRIGGER log_plan_actual_insert AFTER INSERT ON plan_actuals BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, new_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'plan_actual', NEW.id, 'insert',
            json_object('indicator_id', NEW.indicator_id, 'year', NEW.year, 'value', NEW.value, 'note', NEW.note));
END;
CREATE TRIGGER log_plan_actual_update AFTER UPDATE ON plan_actuals BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, old_value, new_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'plan_actual', NEW.id, 'update',
            json_object('indicator_id', OLD.indicator_id, 'year', OLD.year, 'value', OLD.value, 'note', OLD.note),
            json_object('indicator_id', NEW.indicator_id, 'year', NEW.year, 'value', NEW.value, 'note', NEW.note));
END;
CREATE TRIGGER log_plan_actual_delete AFTER DELETE ON plan_actuals BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, old_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'plan_actual', OLD.id, 'delete',
            json_object('indicator_id', OLD.indicator_id, 'year', OLD.year, 'value', OLD.value, 'note', OLD.note));
END;

CREATE TRIGGER log_plan_verdict_insert AFTER INSERT ON plan_verdicts BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, new_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'plan_verdict', NEW.id, 'insert',
            json_object('indicator_id', NEW.indicator_id, 'year', NEW.year, 'status', NEW.status, 'note', NEW.note));
END;
CREATE TRIGGER log_plan_verdict_update AFTER UPDATE ON plan_verdicts BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, old_value, new_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'plan_verdict', NEW.id, 'update',
            json_object('indicator_id', OLD.indicator_id, 'year', OLD.year, 'status', OLD.status, 'note', OLD.note),
            json_object('indicator_id', NEW.indicator_id, 'year', NEW.year, 'status', NEW.status, 'note', NEW.note));
END;
CREATE TRIGGER log_plan_verdict_delete AFTER DELETE ON plan_verdicts BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, old_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'plan_verdict', OLD.id, 'delete',
            json_object('indicator_id', OLD.indicator_id, 'year', OLD.year, 'status', OLD.status, 'note', OLD.note));
END;
