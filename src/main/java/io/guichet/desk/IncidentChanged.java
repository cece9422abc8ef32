package io.guichet.desk;

import io.guichet.platform.bus.Notice;

/** An incident was created, acknowledged, decided or escalated ({@code change}); the helpdesk and its faculty's accounts see it live. */
public record IncidentChanged(long incidentId, String change) implements Notice {
}
