-- A faculty account (an exam office, a dean's staff): sees only the exam incidents of its own faculty (desk).
ALTER TABLE staff DROP CONSTRAINT staff_role_check;
ALTER TABLE staff ADD CONSTRAINT staff_role_check CHECK (role IN ('admin', 'supervisor', 'agent', 'faculty'));
