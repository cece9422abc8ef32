-- Two-factor authentication of local accounts (TOTP, RFC 6238). The secret is set at enrolment and counts once
-- the first code is confirmed (totp_enabled_at).
ALTER TABLE staff ADD COLUMN totp_secret TEXT;
ALTER TABLE staff ADD COLUMN totp_enabled_at TIMESTAMPTZ;
-- The last time step accepted: a code is accepted once (no replay within its 30 seconds).
ALTER TABLE staff ADD COLUMN totp_last_step BIGINT;

-- Recovery codes, hashed; each works once.
CREATE TABLE staff_recovery_codes (
    staff_id    BIGINT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    code_hash   TEXT NOT NULL,
    used_at     TIMESTAMPTZ,
    PRIMARY KEY (staff_id, code_hash)
);

-- Password reset links an administrator has mailed: the link is signed and expires; this row makes it single-use.
CREATE TABLE staff_password_resets (
    token_id    TEXT PRIMARY KEY,
    staff_id    BIGINT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
