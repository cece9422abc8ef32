package io.guichet.alerts;

import java.time.Instant;

/** An uploaded list: its name, when, how many rows were read, how many contacts they matched, how many matched none. */
public record AlertList(long id, String name, Instant createdAt, int rowsRead, int members, int unmatched) {
}
