package io.guichet.desk;

/** A faculty (or department) as the helpdesk tells it: its exam office's address and the back-up contact it escalates to. */
public record Faculty(long id, String code, String name, String examOfficeEmail, String backupName, String backupEmail) {
}
