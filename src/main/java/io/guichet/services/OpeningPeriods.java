package io.guichet.services;

import java.util.List;

/**
 * The periods that override a service's weekly hours. Staffing plans them and implements this port; {@code App} hands
 * it to the catalogue, so that the widget, the offline form and routing all follow the period in force.
 */
public interface OpeningPeriods {
    /** No period ever: the weekly hours and closures alone. */
    OpeningPeriods NONE = serviceId -> List.of();

    /** The service's periods that end yesterday or later, by first day; they never overlap. */
    List<OpeningPeriod> periodsOf(long serviceId);
}
