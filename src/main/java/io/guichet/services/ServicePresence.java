package io.guichet.services;

import java.util.Set;

/**
 * Which services have someone there to answer now. The inbox knows its agents' presence; the catalogue
 * does not, so the inbox implements this port and {@code App} hands it to the services' public list.
 */
public interface ServicePresence {
    /** The ids of the services with at least one of their agents online and available. */
    Set<Long> servicesAnsweringNow();
}
