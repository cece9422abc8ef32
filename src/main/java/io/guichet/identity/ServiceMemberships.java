package io.guichet.identity;

import java.util.List;

/**
 * Which services a staff member works in. The inbox owns memberships (routing joins them); identity
 * reads them through this port, wired in {@code App}, so that it depends on no module.
 */
@FunctionalInterface
public interface ServiceMemberships {
    List<Long> serviceIdsOf(long staffId);

    default Viewer viewer(Staff staff) {
        return new Viewer(staff, java.util.Set.copyOf(serviceIdsOf(staff.id())));
    }
}
