-- The communications team's account (issue 18): drafts and approves emergency alerts; no agent of any service.
ALTER TABLE staff DROP CONSTRAINT staff_role_check;
ALTER TABLE staff ADD CONSTRAINT staff_role_check CHECK (role IN ('admin', 'supervisor', 'agent', 'faculty', 'communicator'));
