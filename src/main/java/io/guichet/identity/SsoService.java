package io.guichet.identity;

import io.guichet.identity.internal.CasClient;
import io.guichet.identity.internal.OidcClient;
import io.guichet.identity.internal.Provisioning;
import io.guichet.identity.internal.SignInFailure;
import io.guichet.identity.internal.SsoDao;
import io.guichet.identity.internal.StaffDao;
import io.guichet.platform.Tokens;
import io.guichet.platform.web.ApiError;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Single sign-on: staff sign in through the institution's OpenID Connect providers or its CAS server. A sign-in
 * under way is kept in the database (its state hashed, its nonce and PKCE verifier) so any node may receive the
 * provider's redirect, and it is taken once. The provider's word is then checked against the provisioning rules
 * ({@link SsoSettings.Rules}): an account is made just in time, or updated (role and services from its groups), or
 * refused — and an account the rules no longer admit is switched off at that sign-in, its sessions and sockets
 * closed on every node. {@link #doDeprovisionStale} switches off the accounts not seen at their provider for
 * {@code GUICHET_SSO_DEPROVISION_DAYS}.
 */
public final class SsoService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SsoService.class);
    private static final Duration PENDING = Duration.ofMinutes(10);

    private final Jdbi jdbi;
    private final Clock clock;
    private final IdentityService identity;
    private final SsoSettings settings;
    private final StaffProvisioning provisioning;
    private final Map<String, OidcClient> oidc = new LinkedHashMap<>();
    private final CasClient cas;

    public SsoService(Jdbi jdbi, Clock clock, IdentityService identity, SsoSettings settings, StaffProvisioning provisioning) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.identity = identity;
        this.settings = settings;
        this.provisioning = provisioning;
        settings.oidc().forEach(p -> oidc.put(p.id(), new OidcClient(p)));
        this.cas = settings.cas() == null ? null : new CasClient(settings.cas());
    }

    private final java.util.concurrent.ScheduledExecutorService job =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("sso-deprovision").factory());

    /** The hourly look for accounts not seen at their provider (every node runs it; switching off twice changes nothing). */
    public void start() {
        if (settings.any() && settings.deprovisionDays() > 0) job.scheduleWithFixedDelay(() -> {
            try {
                doDeprovisionStale();
            } catch (RuntimeException e) {
                log.warn("Deprovisioning failed: {}", e.getClass().getSimpleName());
            }
        }, 1, 60, java.util.concurrent.TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        job.shutdownNow();
    }

    public SsoSettings settings() {
        return settings;
    }

    /** How a sign-in through a provider ended. */
    public sealed interface SignIn {
        record Success(String token, Staff staff, String next) implements SignIn {
        }

        /** The provider vouched for the person, but the rules do not admit them (or no longer do). */
        record Refused(String email) implements SignIn {
        }

        /** The provider's answer could not be trusted or was not one (a wrong state, a forged token…). */
        record Failed() implements SignIn {
        }
    }

    /** Where to send the browser to sign in at this OpenID Connect provider; {@code next}: where to land afterwards. */
    public URI doStartOidc(String providerId, URI redirectUri, String next) {
        OidcClient client = client(providerId);
        try {
            OidcClient.Started s = client.start(redirectUri);
            keepPending(s.state(), providerId, s.nonce(), s.codeVerifier(), next);
            return s.redirect();
        } catch (SignInFailure e) {
            log.warn("OpenID Connect provider {} unavailable: {}", providerId, e.getMessage());
            throw new ApiError(503, "provider_unavailable", "The sign-in provider cannot be reached; try again shortly");
        }
    }

    /** The provider sent the person back with a code and the state this sign-in started with. */
    public SignIn doFinishOidc(String providerId, URI redirectUri, String code, String state) {
        OidcClient client = client(providerId);
        Optional<SsoDao.Pending> pending = takePending(state, providerId);
        if (pending.isEmpty() || code == null || code.length() > 2000) {
            log.warn("OpenID Connect callback of {} refused: unknown, used or expired state", providerId);
            return new SignIn.Failed();
        }
        try {
            OidcClient.Signed signed = client.finish(redirectUri, code, pending.get().nonce(), pending.get().codeVerifier());
            return admit(signed.identity(), signed.idToken(), pending.get().next());
        } catch (SignInFailure e) {
            log.warn("OpenID Connect sign-in through {} refused: {}", providerId, e.getMessage());
            return new SignIn.Failed();
        }
    }

    /** Where to send the browser to sign in at the CAS server; the service address carries this sign-in's state. */
    public URI doStartCas(String callbackBase, String next) {
        if (cas == null) throw ApiError.notFound("Provider");
        String state = Tokens.random("");
        keepPending(state, SsoSettings.CAS_ID, "", "", next);
        return cas.login(casService(callbackBase, state));
    }

    public SignIn doFinishCas(String callbackBase, String ticket, String state) {
        if (cas == null) throw ApiError.notFound("Provider");
        Optional<SsoDao.Pending> pending = takePending(state, SsoSettings.CAS_ID);
        if (pending.isEmpty() || ticket == null || ticket.length() > 256) {
            log.warn("CAS callback refused: unknown, used or expired state");
            return new SignIn.Failed();
        }
        try {
            return admit(cas.validate(ticket, casService(callbackBase, state)), null, pending.get().next());
        } catch (SignInFailure e) {
            log.warn("CAS sign-in refused: {}", e.getMessage());
            return new SignIn.Failed();
        }
    }

    private static String casService(String callbackBase, String state) {
        return callbackBase + "?state=" + state;
    }

    /**
     * Ends the session (its sockets close on every node) and answers where the browser goes next to end the
     * provider's session too: RP-initiated logout for OpenID Connect, {@code /logout} for CAS; empty for a password
     * session or a provider that offers none.
     */
    public Optional<URI> doLogout(String sessionToken, URI afterLogout) {
        Optional<SsoDao.SessionOrigin> origin = sessionToken == null || sessionToken.length() > 100 ? Optional.empty()
                : jdbi.withHandle(h -> new SsoDao(h).sessionOrigin(Tokens.hash(sessionToken)));
        identity.doLogout(sessionToken);
        return origin.flatMap(o -> {
            if (o.provider().equals(SsoSettings.CAS_ID)) return cas == null ? Optional.empty() : Optional.of(cas.logout(afterLogout.toString()));
            OidcClient client = oidc.get(o.provider());
            return client == null ? Optional.empty() : client.logout(o.idToken(), afterLogout);
        });
    }

    /** Switches off the accounts not seen at their provider for the configured days; how many. */
    public int doDeprovisionStale() {
        if (settings.deprovisionDays() == 0) return 0;
        Instant before = clock.instant().minus(Duration.ofDays(settings.deprovisionDays()));
        List<Staff> stale = jdbi.withHandle(h -> new SsoDao(h).notSeenSince(before));
        for (Staff s : stale) {
            log.info("Staff account {} not seen at its provider for {} days: switched off", s.id(), settings.deprovisionDays());
            provisioning.update(withState(s, s.role(), s.name(), false), null);
        }
        return stale.size();
    }

    /** The rules applied to the person the provider vouched for: an account made, updated, switched off or refused. */
    SignIn admit(ExternalIdentity who, String idToken, String next) {
        Optional<Provisioning.Grant> grant = Provisioning.decide(settings.rules(), who.email(), who.groups());
        Optional<Staff> existing = jdbi.withHandle(h -> {
            Optional<Staff> linked = new SsoDao(h).byExternalId(who.provider(), who.subject());
            return linked.isPresent() || who.email() == null ? linked : new StaffDao(h).byEmail(who.email());
        });
        if (grant.isEmpty()) {
            existing.filter(Staff::active).ifPresent(s -> {
                log.info("Staff account {} no longer admitted by the sign-in rules: switched off", s.id());
                provisioning.update(withState(s, s.role(), s.name(), false), null);
            });
            return new SignIn.Refused(who.email() == null ? "" : who.email());
        }
        String name = who.name() == null || who.name().isBlank() ? who.email() : who.name().strip();
        boolean rolesFromGroups = !settings.rules().roles().isEmpty();
        List<String> services = settings.rules().services().isEmpty() ? null : grant.get().serviceSlugs();
        long id;
        if (existing.isPresent()) {
            Staff s = existing.get();
            if (!s.active()) return new SignIn.Refused(who.email()); // switched off by an administrator or an earlier sign-in
            Role role = rolesFromGroups ? grant.get().role() : s.role();
            if (role != s.role() || !Objects.equals(name, s.name()) || services != null) provisioning.update(withState(s, role, name, true), services);
            id = s.id();
        } else {
            id = provisioning.create(new IdentityService.NewStaff(who.email(), name, null, grant.get().role(), "fr", who.provider()),
                    services == null ? List.of() : services);
        }
        jdbi.useTransaction(h -> {
            SsoDao dao = new SsoDao(h);
            dao.link(who.provider(), who.subject(), id);
            dao.seen(id, who.provider(), clock.instant());
        });
        Staff staff = jdbi.withHandle(h -> new StaffDao(h).find(id)).orElseThrow();
        return new SignIn.Success(identity.openSession(staff, IdentityService.WEB, who.provider(), idToken), staff, next);
    }

    private static Staff withState(Staff s, Role role, String name, boolean active) {
        return new Staff(s.id(), s.email(), name, role, s.lang(), active, s.privacyOfficer());
    }

    private void keepPending(String state, String provider, String nonce, String verifier, String next) {
        Instant expires = clock.instant().plus(PENDING);
        jdbi.useTransaction(h -> new SsoDao(h).insertPending(Tokens.hash(state), provider, nonce, verifier, next, expires));
    }

    private Optional<SsoDao.Pending> takePending(String state, String provider) {
        if (state == null || state.isEmpty() || state.length() > 200) return Optional.empty();
        return jdbi.inTransaction(h -> new SsoDao(h).takePending(Tokens.hash(state), provider));
    }

    private OidcClient client(String providerId) {
        OidcClient client = oidc.get(providerId);
        if (client == null) throw ApiError.notFound("Provider");
        return client;
    }
}
