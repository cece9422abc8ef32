/**
 * The institution's services (queues): names in French and English, languages, weekly opening
 * hours, and whether a service is open now.
 *
 * <p>Public API: {@link io.guichet.services.ServiceCatalogue} ({@code doCreateService},
 * {@code doUpdateService} for administrators; {@code find*} reads, which need no viewer: services are
 * public knowledge) and the records {@link io.guichet.services.ServiceQueue},
 * {@link io.guichet.services.OpeningHours}. Its web adapter {@code web.ServicesApi} serves
 * {@code /api/v1/services}; the administrators' screen for services stays with the inbox's admin screens
 * (they share the console's shell and presence toggle).
 *
 * <p>Owns the tables {@code services} and {@code service_hours}. Sends no notices (other nodes see
 * changes within the catalogue's 10-second cache) and consumes none. Depends on identity (the
 * authorization rules) and platform.
 */
package io.guichet.services;
