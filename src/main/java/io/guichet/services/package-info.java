/**
 * The institution's services (queues): names in French and English, languages, weekly opening
 * hours, and whether a service is open now.
 *
 * <p>Public API: {@link io.guichet.services.ServiceCatalogue} ({@code doCreateService},
 * {@code doUpdateService} for administrators; {@code find*} reads, which need no viewer: services are
 * public knowledge) and the records {@link io.guichet.services.ServiceQueue},
 * {@link io.guichet.services.OpeningHours}, {@link io.guichet.services.OpeningPeriod}; the ports
 * {@link io.guichet.services.ServicePresence} (the inbox) and {@link io.guichet.services.OpeningPeriods} (staffing's periods,
 * which replace the week on their days: the catalogue's open-now, next opening and {@code hoursOn} apply a closure, then
 * the period in force, then the week). Its web adapter {@code web.ServicesApi} serves
 * {@code /api/v1/services}; the administrators' screen for services stays with the inbox's admin screens
 * (they share the console's shell and presence toggle).
 *
 * <p>Owns the tables {@code services}, {@code service_hours} and {@code service_closures}. Sends no notices (other nodes see
 * changes within the catalogue's 10-second cache) and consumes none. Depends on identity (the
 * authorization rules) and platform.
 */
package io.guichet.services;
