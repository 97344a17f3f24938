-- jixiao schema, version 1. Decimals are TEXT (exact); dates are ISO TEXT.

CREATE TABLE units (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL,
    parent_id INTEGER REFERENCES units(id) ON DELETE SET NULL
);

CREATE TABLE projects (
    id                INTEGER PRIMARY KEY,
    year              INTEGER NOT NULL,
    code              TEXT NOT NULL,
    name              TEXT NOT NULL,
    unit_id           INTEGER NOT NULL REFERENCES units(id),
    money_unit        TEXT NOT NULL DEFAULT '万元' CHECK (money_unit IN ('元', '万元', '亿元')),
    budget_total      TEXT,
    budget_fiscal     TEXT,
    budget_other      TEXT,
    budget_adjusted   TEXT,
    fund_use          TEXT,
    goal              TEXT,
    eval_achieved     TEXT,
    eval_conclusion   TEXT,
    eval_problems     TEXT,
    eval_improvements TEXT,
    UNIQUE (year, code)
);

-- 资金支出计划: cumulative amount planned by a month's end; NULL = not given.
CREATE TABLE spending_plan (
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    month      INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    amount     TEXT,
    PRIMARY KEY (project_id, month)
);

CREATE TABLE indicators (
    id                INTEGER PRIMARY KEY,
    project_id        INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    key               TEXT,
    position          INTEGER NOT NULL,
    level1            TEXT NOT NULL,
    level2            TEXT NOT NULL DEFAULT '',
    level3            TEXT NOT NULL,
    description       TEXT,
    target_text       TEXT NOT NULL,
    -- the target as understood (value-forms.md)
    target_kind       TEXT NOT NULL CHECK (target_kind IN ('quantity', 'date', 'label', 'not_understood')),
    target_op         TEXT,
    target_value      TEXT,
    target_value_max  TEXT,
    target_unit       TEXT,
    target_date       TEXT,
    target_label      TEXT,
    target_manual     INTEGER NOT NULL DEFAULT 0,
    basis             TEXT,
    weight            TEXT,
    accumulation      TEXT CHECK (accumulation IN ('cumulative', 'level')),
    not_applicable    TEXT,
    UNIQUE (project_id, key)
);
CREATE INDEX indicators_project ON indicators(project_id, position);

CREATE TABLE actuals (
    id              INTEGER PRIMARY KEY,
    indicator_id    INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    period          TEXT NOT NULL,
    value           TEXT,
    value_unit      TEXT,
    done_on         TEXT,
    level           TEXT CHECK (level IN ('达成', '部分达成', '未达成')),
    ratio           TEXT,
    reason          TEXT,
    measures        TEXT,
    forecast        TEXT,
    likelihood      TEXT CHECK (likelihood IN ('确定能', '有可能', '完全不可能')),
    reason_category TEXT CHECK (reason_category IN ('经费保障', '制度保障', '人员保障', '硬件条件保障', '其他')),
    updated_at      TEXT NOT NULL,
    UNIQUE (indicator_id, period)
);

CREATE TABLE spending (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    period     TEXT NOT NULL,
    amount     TEXT NOT NULL,
    reason     TEXT,
    measures   TEXT,
    updated_at TEXT NOT NULL,
    UNIQUE (project_id, period)
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Who is writing: set at the start of every write transaction by the store, read
-- by the change-log triggers (SQLite serialises writers, so it cannot mix).
CREATE TABLE actor (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    who TEXT NOT NULL
);
INSERT INTO actor (id, who) VALUES (1, '');

-- A row for every insert, update or delete of a target, an actual or spending.
CREATE TABLE change_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    who        TEXT NOT NULL,
    entity     TEXT NOT NULL CHECK (entity IN ('target', 'actual', 'spending')),
    entity_id  INTEGER NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    old_value  TEXT,
    new_value  TEXT
);

CREATE TRIGGER log_target_insert AFTER INSERT ON indicators BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, new_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'target', NEW.id, 'insert', json_object('project_id', NEW.project_id, 'level3', NEW.level3, 'target', NEW.target_text, 'kind', NEW.target_kind, 'op', NEW.target_op, 'value', NEW.target_value, 'value_max', NEW.target_value_max, 'unit', NEW.target_unit, 'date', NEW.target_date, 'label', NEW.target_label, 'weight', NEW.weight, 'not_applicable', NEW.not_applicable));
END;

CREATE TRIGGER log_target_update AFTER UPDATE ON indicators BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, old_value, new_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'target', NEW.id, 'update', json_object('project_id', OLD.project_id, 'level3', OLD.level3, 'target', OLD.target_text, 'kind', OLD.target_kind, 'op', OLD.target_op, 'value', OLD.target_value, 'value_max', OLD.target_value_max, 'unit', OLD.target_unit, 'date', OLD.target_date, 'label', OLD.target_label, 'weight', OLD.weight, 'not_applicable', OLD.not_applicable), json_object('project_id', NEW.project_id, 'level3', NEW.level3, 'target', NEW.target_text, 'kind', NEW.target_kind, 'op', NEW.target_op, 'value', NEW.target_value, 'value_max', NEW.target_value_max, 'unit', NEW.target_unit, 'date', NEW.target_date, 'label', NEW.target_label, 'weight', NEW.weight, 'not_applicable', NEW.not_applicable));
END;

CREATE TRIGGER log_target_delete AFTER DELETE ON indicators BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, old_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'target', OLD.id, 'delete', json_object('project_id', OLD.project_id, 'level3', OLD.level3, 'target', OLD.target_text, 'kind', OLD.target_kind, 'op', OLD.target_op, 'value', OLD.target_value, 'value_max', OLD.target_value_max, 'unit', OLD.target_unit, 'date', OLD.target_date, 'label', OLD.target_label, 'weight', OLD.weight, 'not_applicable', OLD.not_applicable));
END;

CREATE TRIGGER log_actual_insert AFTER INSERT ON actuals BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, new_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'actual', NEW.id, 'insert', json_object('indicator_id', NEW.indicator_id, 'period', NEW.period, 'value', NEW.value, 'value_unit', NEW.value_unit, 'done_on', NEW.done_on, 'level', NEW.level, 'ratio', NEW.ratio, 'reason', NEW.reason, 'measures', NEW.measures, 'forecast', NEW.forecast, 'likelihood', NEW.likelihood, 'reason_category', NEW.reason_category));
END;

CREATE TRIGGER log_actual_update AFTER UPDATE ON actuals BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, old_value, new_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'actual', NEW.id, 'update', json_object('indicator_id', OLD.indicator_id, 'period', OLD.period, 'value', OLD.value, 'value_unit', OLD.value_unit, 'done_on', OLD.done_on, 'level', OLD.level, 'ratio', OLD.ratio, 'reason', OLD.reason, 'measures', OLD.measures, 'forecast', OLD.forecast, 'likelihood', OLD.likelihood, 'reason_category', OLD.reason_category), json_object('indicator_id', NEW.indicator_id, 'period', NEW.period, 'value', NEW.value, 'value_unit', NEW.value_unit, 'done_on', NEW.done_on, 'level', NEW.level, 'ratio', NEW.ratio, 'reason', NEW.reason, 'measures', NEW.measures, 'forecast', NEW.forecast, 'likelihood', NEW.likelihood, 'reason_category', NEW.reason_category));
END;

CREATE TRIGGER log_actual_delete AFTER DELETE ON actuals BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, old_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'actual', OLD.id, 'delete', json_object('indicator_id', OLD.indicator_id, 'period', OLD.period, 'value', OLD.value, 'value_unit', OLD.value_unit, 'done_on', OLD.done_on, 'level', OLD.level, 'ratio', OLD.ratio, 'reason', OLD.reason, 'measures', OLD.measures, 'forecast', OLD.forecast, 'likelihood', OLD.likelihood, 'reason_category', OLD.reason_category));
END;

CREATE TRIGGER log_spending_insert AFTER INSERT ON spending BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, new_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'spending', NEW.id, 'insert', json_object('project_id', NEW.project_id, 'period', NEW.period, 'amount', NEW.amount, 'reason', NEW.reason, 'measures', NEW.measures));
END;

CREATE TRIGGER log_spending_update AFTER UPDATE ON spending BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, old_value, new_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'spending', NEW.id, 'update', json_object('project_id', OLD.project_id, 'period', OLD.period, 'amount', OLD.amount, 'reason', OLD.reason, 'measures', OLD.measures), json_object('project_id', NEW.project_id, 'period', NEW.period, 'amount', NEW.amount, 'reason', NEW.reason, 'measures', NEW.measures));
END;

CREATE TRIGGER log_spending_delete AFTER DELETE ON spending BEGIN
    INSERT INTO change_log (who, entity, entity_id, action, old_value)
    VALUES ((SELECT who FROM actor WHERE id = 1), 'spending', OLD.id, 'delete', json_object('project_id', OLD.project_id, 'period', OLD.period, 'amount', OLD.amount, 'reason', OLD.reason, 'measures', OLD.measures));
END;
