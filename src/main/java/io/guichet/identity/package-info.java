/**
 * Staff accounts, roles and sessions, and the one place of authorization rules.
 *
 * <p>Public API: {@link io.guichet.identity.IdentityService} (login and logout, {@code doCreateStaff},
 * {@code doUpdateStaff}, {@code findSessionStaff}, {@code accessStaff}); {@link io.guichet.identity.Access}
 * (every right as one line: {@code can*} questions and {@code require*} checks); the records
 * {@link io.guichet.identity.Staff} (with {@code Staff.SYSTEM}, the actor of seeding and jobs),
 * {@link io.guichet.identity.Viewer} (a staff member with their services, loaded once per request) and
 * {@link io.guichet.identity.Authenticated} (who is behind a request or a socket). Service memberships
 * are read through the port {@link io.guichet.identity.ServiceMemberships}, which the inbox implements.
 *
 * <p>Owns {@code staff} and {@code staff_sessions}. Sends no notices yet and consumes none. Depends on
 * platform only.
 */
package io.guichet.identity;
