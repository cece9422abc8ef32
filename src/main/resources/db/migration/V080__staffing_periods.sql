-- Periods that override a service's weekly hours (an exam period, a holiday closure, an evening before a deadline),
-- as days in the institution's time zone; they never overlap for one service (checked under an advisory lock).
CREATE TABLE staffing_periods (
    id          BIGSERIAL PRIMARY KEY,
    service_id  BIGINT NOT NULL,
    label_fr    TEXT NOT NULL CHECK (length(label_fr) BETWEEN 1 AND 80),
    label_en    TEXT NOT NULL CHECK (length(label_en) BETWEEN 1 AND 80),
    first_day   DATE NOT NULL,
    last_day    DATE NOT NULL,
    closed      BOOLEAN NOT NULL,
    created_by  BIGINT NOT NULL,
    CHECK (last_day >= first_day)
);
CREATE INDEX staffing_periods_service ON staffing_periods (service_id, last_day);

CREATE TABLE staffing_period_hours (
    period_id  BIGINT NOT NULL REFERENCES staffing_periods (id) ON DELETE CASCADE,
    weekday    SMALLINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens      TIME NOT NULL,
    closes     TIME NOT NULL,
    CHECK (closes > opens)
);
CREATE INDEX staffing_period_hours_period ON staffing_period_hours (period_id);
