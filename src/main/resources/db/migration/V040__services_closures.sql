-- Days a service is closed whatever its weekly hours say (holidays, the winter break): the widget's
-- "answers on …" skips them and the service is not open on them.
CREATE TABLE service_closures (
    service_id  BIGINT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    day         DATE NOT NULL,
    label       TEXT NOT NULL DEFAULT '' CHECK (length(label) <= 80),
    PRIMARY KEY (service_id, day)
);
