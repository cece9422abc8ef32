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
 * <p>Sign-in beyond passwords: {@link io.guichet.identity.SsoService} (OpenID Connect and CAS, just-in-time accounts
 * from {@link io.guichet.identity.SsoSettings}' rules, made through the {@link io.guichet.identity.StaffProvisioning}
 * port the inbox implements, deprovisioning), {@link io.guichet.identity.TwoFactor} (TOTP, recovery codes),
 * {@link io.guichet.identity.PasswordResets} (mailed links), {@link io.guichet.identity.ApiTokens} with
 * {@link io.guichet.identity.Scope} and {@link io.guichet.identity.ApiClient} (integrations, admitted only where an
 * endpoint names a scope: {@code Authenticated.viewer(ctx, scope)}).
 *
 * <p>Owns {@code staff}, {@code staff_sessions}, {@code identity_secrets}, {@code api_tokens},
 * {@code staff_external_ids}, {@code sso_pending_logins}, {@code staff_recovery_codes}, {@code staff_password_resets}.
 * Sends {@code StaffAccessChanged} and {@code ApiTokenRevoked} and consumes them (caches dropped on every node).
 * Depends on platform only.
 */
package io.guichet.identity;
