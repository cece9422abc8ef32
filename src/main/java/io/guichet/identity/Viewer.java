package io.guichet.identity;

import java.util.Set;

/**
 * A staff member with the services they work in, loaded once per request (or per socket) and handed
 * to the {@code access*} reads that depend on service membership.
 */
public record Viewer(Staff staff, Set<Long> serviceIds) {
    public Viewer {
        serviceIds = Set.copyOf(serviceIds);
    }

    public long id() {
        return staff.id();
    }

    public boolean worksIn(long serviceId) {
        return serviceIds.contains(serviceId);
    }
}
