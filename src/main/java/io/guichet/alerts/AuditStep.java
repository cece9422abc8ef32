package io.guichet.alerts;

import java.time.Instant;

/** One step of an alert's audit log: who did what, when ({@code drafted}, {@code approved}, {@code approved_alone}, {@code sent}, …). */
public record AuditStep(Instant at, long staffId, String staffName, String action, String detail) {
}
