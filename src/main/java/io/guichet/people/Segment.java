package io.guichet.people;

import java.time.Instant;

/** A saved filter of the contact list with a name: the audience later modules (alerts, webinars, newsletters) send to. */
public record Segment(long id, String name, ContactFilter filter, Long createdBy, Instant createdAt) {
}
