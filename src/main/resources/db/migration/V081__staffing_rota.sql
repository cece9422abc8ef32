-- The rota: who works for a service in each half-hour slot (its start, an instant), and each staff member's skills
-- (languages, the phone line, the exam platform, trained) that routing and the rota read.
CREATE TABLE staffing_shifts (
    service_id  BIGINT NOT NULL,
    slot_start  TIMESTAMPTZ NOT NULL,
    staff_id    BIGINT NOT NULL,
    PRIMARY KEY (service_id, slot_start, staff_id),
    CHECK (extract(epoch FROM slot_start)::bigint % 1800 = 0)
);
CREATE INDEX staffing_shifts_staff ON staffing_shifts (staff_id, slot_start);

CREATE TABLE staffing_skills (
    staff_id  BIGINT NOT NULL,
    skill     TEXT NOT NULL CHECK (skill IN ('fr', 'en', 'phone', 'exam-platform', 'trained')),
    PRIMARY KEY (staff_id, skill)
);
