-- The skills a service's conversations need (its exam helpdesk needs the exam platform): routing gives them only to a
-- trained agent who has them (staffing.SkillRouting). A service with none needs only the conversation's language.
CREATE TABLE staffing_service_skills (
    service_id  BIGINT NOT NULL,
    skill       TEXT NOT NULL CHECK (skill IN ('phone', 'exam-platform')),
    PRIMARY KEY (service_id, skill)
);
