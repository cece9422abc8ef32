package io.guichet.identity;

import io.guichet.identity.internal.LoginThrottle;
import io.guichet.identity.internal.PasswordHasher;
import io.guichet.identity.internal.PasswordPolicy;
import io.guichet.identity.internal.StaffDao;
import io.guichet.platform.ShortLivedCache;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.Tokens;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Checks;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.SignedTokens;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Staff accounts and their sessions. After a few failed logins for an email (known or not) or from an
 * address, each further attempt waits longer (growing, never a lock), so a password cannot be guessed online,
 * an unknown email answers exactly like a known one, and nobody can lock the owner out for long.
 */
public final class IdentityService {
    public static final String WEB = "web";
    public static final String API = "api";
    /** Failures for one email before waits begin; a client address (a campus behind one NAT) gets more. */
    static final int FREE_FAILURES_PER_EMAIL = 5;
    static final int FREE_FAILURES_PER_ADDRESS = 50;
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
    private static final Duration WEB_SESSION = Duration.ofHours(12);
    private static final Duration API_SESSION = Duration.ofDays(30);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Bus bus;
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private static final long SESSION_CACHE_MILLIS = 5_000;
    private final ShortLivedCache<String, Staff> sessions;
    private volatile long namesLoadedAt;
    private final LoginThrottle perEmail;
    private final LoginThrottle perAddress;
    private final java.util.function.Predicate<String> localLogin;
    private final TwoFactor twoFactor;
    /** Signs "this password was right" for the few minutes the person takes to type their code (web sign-in's second step). */
    private final SignedTokens loginCodes;
    private static final Duration CODE_STEP = Duration.ofMinutes(5);

    public IdentityService(Jdbi jdbi, Clock clock, Bus bus) {
        this(jdbi, clock, bus, Duration.ofSeconds(15));
    }

    /** {@code firstLoginWait}: the wait after the first failures beyond the free ones; it doubles with each further one. */
    public IdentityService(Jdbi jdbi, Clock clock, Bus bus, Duration firstLoginWait) {
        this(jdbi, clock, bus, firstLoginWait, email -> true, Set.of());
    }

    /**
     * {@code localLogin}: whose password still opens a session (with single sign-on and {@code GUICHET_LOCAL_LOGIN=off},
     * only the break-glass administrator's); the others are refused exactly like a wrong password.
     */
    public IdentityService(Jdbi jdbi, Clock clock, Bus bus, Duration firstLoginWait, java.util.function.Predicate<String> localLogin,
                           Set<Role> twoFactorFor) {
        this.localLogin = localLogin;
        this.twoFactor = new TwoFactor(jdbi, clock, twoFactorFor);
        this.perEmail = new LoginThrottle(FREE_FAILURES_PER_EMAIL, firstLoginWait, LONGEST_WAIT, clock);
        this.perAddress = new LoginThrottle(FREE_FAILURES_PER_ADDRESS, firstLoginWait, LONGEST_WAIT, clock);
        this.sessions = new ShortLivedCache<>(clock, SESSION_CACHE_MILLIS, 10_000);
        this.jdbi = jdbi;
        this.clock = clock;
        this.bus = bus;
        this.loginCodes = new SignedTokens(serverKey("login-code"));
        bus.subscribe(StaffAccessChanged.class, n -> forget(n.staffId())); // registered first: sockets re-check after
    }

    /** A new account's details, validated by {@link #doCreateStaff}. */
    public record NewStaff(String email, String name, String password, Role role, String lang, String ssoProvider) {
        public NewStaff(String email, String name, String password, Role role, String lang) {
            this(email, name, password, role, lang, null);
        }
    }

    /** What a login attempt gives: a token, or why not. */
    public sealed interface LoginResult {
        record Success(String token, Staff staff) implements LoginResult {
        }

        record Refused() implements LoginResult {
        }

        /**
         * The password was right and the account uses two-factor: the code is asked for. {@code pending} carries that
         * proof to the code form (signed, five minutes); {@code wrongCode} when a code was given and refused.
         */
        record CodeRequired(String pending, boolean wrongCode) implements LoginResult {
        }

        /** Too many recent failures for this email or address: try again in so many seconds. */
        record Throttled(long retryAfterSeconds) implements LoginResult {
        }
    }

    /**
     * Creates an account and, in the same transaction, whatever the caller adds to it ({@code alsoInSameTransaction}
     * receives the new id: the inbox adds services and capacity there), so a refused part leaves no half-made
     * account. The password is hashed before the transaction: Argon2id must not hold a connection.
     */
    public long doCreateStaff(Staff actor, NewStaff s, LongConsumer alsoInSameTransaction) {
        Access.requireAdmin(actor);
        ValidStaff valid = validate(s);
        return jdbi.inTransaction(h -> {
            long id = insertStaff(h, valid);
            alsoInSameTransaction.accept(id); // nested Jdbi calls on this thread join this transaction
            return id;
        });
    }

    /** On first start only: the administrator named by the configuration, or one with a generated password. */
    public Optional<Long> doCreateFirstAdmin(String email, String name, String password) {
        ValidStaff valid = validate(new NewStaff(email, name, password, Role.ADMIN, "fr"));
        return jdbi.inTransaction(h -> {
            h.execute("LOCK TABLE staff IN EXCLUSIVE MODE");
            if (new StaffDao(h).count() > 0) return Optional.empty();
            return Optional.of(insertStaff(h, valid));
        });
    }

    /** A new account checked and its password hashed, before any transaction: Argon2id must not hold a connection. */
    private record ValidStaff(String email, String name, String passwordHash, Role role, String lang, String ssoProvider) {
    }

    private static ValidStaff validate(NewStaff s) {
        checkNewStaff(s);
        return new ValidStaff(Fields.optionalEmail("email", s.email()).toLowerCase(Locale.ROOT), Fields.required("name", s.name(), 120),
                s.ssoProvider() == null ? PasswordHasher.hash(s.password()) : null, s.role(), s.lang() == null ? "fr" : s.lang(), s.ssoProvider());
    }

    /** Every refusal of a new account at once (the admin's form shows them all), before anything is hashed or written. */
    public static void checkNewStaff(NewStaff s) {
        Checks checks = new Checks();
        checks.run(() -> {
            if (Fields.optionalEmail("email", s.email()) == null) throw ApiError.invalid("email", "email is required");
        });
        checks.run(() -> checkAccount(s.name(), s.role(), s.lang()));
        if (s.ssoProvider() == null) checks.run(() -> PasswordPolicy.check("password", s.password())); // an account of a provider has no password here
        checks.done();
    }

    /** Every refusal of an account's name, role and language at once; a null language is left as it is. */
    public static void checkAccount(String name, Role role, String lang) {
        Checks checks = new Checks();
        checks.run(() -> Fields.required("name", name, 120));
        if (role == null) checks.refuse(ApiError.invalid("role", "role must be admin, supervisor or agent"));
        if (lang != null && !Messages.isSupported(lang)) checks.refuse(ApiError.invalid("lang", "lang must be fr or en"));
        checks.done();
    }

    private static long insertStaff(Handle h, ValidStaff s) {
        StaffDao dao = new StaffDao(h);
        if (dao.emailTaken(s.email())) throw ApiError.conflict("email_taken", "An account already uses this email");
        return dao.insert(s.email(), s.name(), s.passwordHash(), s.role(), s.lang(), s.ssoProvider());
    }

    /**
     * Signs in. The password is checked outside any transaction (Argon2id must not hold a connection): the
     * credentials are read, the connection returned, the hash checked, and only a success writes. Known and
     * unknown emails take the same path, the same time (a decoy hash) and get the same answers.
     */
    public LoginResult doLogin(String email, String password, String kind, String clientAddress) {
        return doLogin(email, password, null, kind, clientAddress);
    }

    /** As {@link #doLogin(String, String, String, String)}, with the two-factor code when the account has one. */
    public LoginResult doLogin(String email, String password, String code, String kind, String clientAddress) {
        if (email == null || password == null || password.length() > 200) return new LoginResult.Refused();
        String emailKey = "email:" + email.strip().toLowerCase(Locale.ROOT);
        String addressKey = "address:" + clientAddress;
        long wait = Math.max(perEmail.secondsToWait(emailKey), perAddress.secondsToWait(addressKey));
        if (wait > 0) return new LoginResult.Throttled(wait);
        Optional<StaffDao.Credentials> found = jdbi.withHandle(h -> new StaffDao(h).credentials(email.strip()));
        boolean matches = found.isPresent() && found.get().staff().active() && found.get().passwordHash() != null
                && localLogin.test(found.get().staff().email())
                ? PasswordHasher.matches(password, found.get().passwordHash())
                : PasswordHasher.spendDecoyTime(password);
        if (!matches) {
            perEmail.failed(emailKey);
            perAddress.failed(addressKey);
            return new LoginResult.Refused();
        }
        Staff staff = found.get().staff();
        return secondFactor(staff, code, emailKey, addressKey, kind);
    }

    /** The web sign-in's second step: the proof of the password from the first, and the code. */
    public LoginResult doLoginCode(String pending, String code, String kind, String clientAddress) {
        Optional<Staff> staff = loginCodes.verify("login-code", pending, clock.instant())
                .flatMap(id -> jdbi.withHandle(h -> new StaffDao(h).find(Long.parseLong(id)))).filter(Staff::active);
        if (staff.isEmpty()) return new LoginResult.Refused();
        String emailKey = "email:" + staff.get().email().toLowerCase(Locale.ROOT);
        String addressKey = "address:" + clientAddress;
        long wait = Math.max(perEmail.secondsToWait(emailKey), perAddress.secondsToWait(addressKey));
        if (wait > 0) return new LoginResult.Throttled(wait);
        return secondFactor(staff.get(), code == null ? "" : code, emailKey, addressKey, kind);
    }

    /** With two-factor on, the code decides; a wrong code counts as a failed login (the same growing waits). */
    private LoginResult secondFactor(Staff staff, String code, String emailKey, String addressKey, String kind) {
        if (twoFactor.isEnabled(staff.id())) {
            String pending = loginCodes.sign("login-code", Long.toString(staff.id()), clock.instant().plus(CODE_STEP));
            if (code == null) return new LoginResult.CodeRequired(pending, false);
            if (!twoFactor.check(staff.id(), code)) {
                perEmail.failed(emailKey);
                perAddress.failed(addressKey);
                return new LoginResult.CodeRequired(pending, true);
            }
        }
        perEmail.succeeded(emailKey); // not the address: one's own account must not reset the guesses made on others
        return new LoginResult.Success(openSession(staff, kind, null, null), staff);
    }

    public TwoFactor twoFactor() {
        return twoFactor;
    }

    /** A new session of this account; {@code ssoProvider} and {@code idToken} when a provider vouched for the person. */
    String openSession(Staff staff, String kind, String ssoProvider, String idToken) {
        String token = Tokens.random(API.equals(kind) ? "gs_" : "gw_");
        Instant expires = clock.instant().plus(API.equals(kind) ? API_SESSION : WEB_SESSION);
        jdbi.useTransaction(h -> new StaffDao(h).insertSession(Tokens.hash(token), staff.id(), kind, expires, ssoProvider, idToken));
        return token;
    }

    /**
     * The signed-in person changes their own password, proving the current one; their other sessions end (this
     * one stays). Both hashes are computed outside any transaction.
     */
    public void doChangePassword(Staff actor, String sessionToken, String current, String newPassword) {
        Access.requireAccount(actor);
        String hash = jdbi.withHandle(h -> new StaffDao(h).credentials(actor.email())).map(StaffDao.Credentials::passwordHash)
                .orElseThrow(ApiError::unauthorized);
        if (current == null || current.length() > PasswordPolicy.MAX || !PasswordHasher.matches(current, hash)) {
            throw new ApiError(422, "wrong_password", "The current password is not this one", "current");
        }
        PasswordPolicy.check("password", newPassword);
        String newHash = PasswordHasher.hash(newPassword);
        String keep = sessionToken == null ? "" : Tokens.hash(sessionToken);
        jdbi.useTransaction(h -> {
            StaffDao dao = new StaffDao(h);
            dao.updatePassword(actor.id(), newHash);
            dao.deleteSessionsOfExcept(actor.id(), keep);
        });
        bus.publish(new StaffAccessChanged(actor.id())); // their other sessions' sockets close on every node
    }

    /** An administrator sets a new password for a staff member; all that person's sessions end on every node. */
    public void doResetPassword(Staff actor, long id, String newPassword) {
        Access.requireAdmin(actor);
        setPassword(id, newPassword, h -> true);
    }

    /**
     * Sets a password and ends every session of that person on every node, if {@code allowed} (run in the same
     * transaction: a reset link spends itself there) says so; hashed before the transaction. False when refused.
     */
    boolean setPassword(long id, String newPassword, java.util.function.Predicate<Handle> allowed) {
        PasswordPolicy.check("password", newPassword);
        String newHash = PasswordHasher.hash(newPassword);
        Optional<Staff> target = jdbi.inTransaction(h -> {
            StaffDao dao = new StaffDao(h);
            Staff found = dao.find(id).orElseThrow(() -> ApiError.notFound("Staff member"));
            if (!allowed.test(h)) return Optional.<Staff>empty();
            dao.updatePassword(id, newHash);
            dao.deleteSessionsOf(id);
            return Optional.of(found);
        });
        target.ifPresent(t -> {
            perEmail.succeeded("email:" + t.email().toLowerCase(Locale.ROOT)); // the new password works at once
            bus.publish(new StaffAccessChanged(id));
        });
        return target.isPresent();
    }

    /**
     * A secret every node shares that is not random bytes (the alerts' VAPID key pair): {@code ifNew} is kept when none
     * is stored under this name yet, else the stored one is returned (the first node to start wins).
     */
    public String serverSecret(String name, java.util.function.Supplier<String> ifNew) {
        String stored = jdbi.withHandle(h -> h.createQuery("SELECT secret FROM identity_secrets WHERE name = :n").bind("n", name)
                .mapTo(String.class).findOne()).orElse(null);
        return stored != null ? stored : jdbi.inTransaction(h -> new StaffDao(h).serverKey(name, ifNew.get()));
    }

    /** A secret key every node shares (the CSRF key of the web kernel), made on first start. */
    public byte[] serverKey(String name) {
        String secret = jdbi.inTransaction(h -> new StaffDao(h).serverKey(name, Tokens.random("") + Tokens.random("")));
        return secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Ends the session; the staff member's sockets opened with it close on every node. */
    public void doLogout(String token) {
        if (token == null || token.length() > 100) return;
        Optional<Long> staffId = jdbi.inTransaction(h -> new StaffDao(h).deleteSession(Tokens.hash(token)));
        sessions.remove(Tokens.hash(token));
        staffId.ifPresent(id -> bus.publish(new StaffAccessChanged(id)));
    }

    /** The staff member a session token belongs to, if it is valid and the account active. */
    public Optional<Staff> findSessionStaff(String token) {
        if (token == null || token.length() > 100) return Optional.empty();
        // Cached for seconds; a sign-out or a change of rights on any node evicts it everywhere (StaffAccessChanged).
        return sessions.get(Tokens.hash(token), hash -> jdbi.withHandle(h -> new StaffDao(h).sessionStaff(hash)));
    }

    public Staff accessStaff(Staff viewer, long id) {
        Access.requireStaff(viewer);
        return jdbi.withHandle(h -> new StaffDao(h).find(id)).orElseThrow(() -> ApiError.notFound("Staff member"));
    }

    /** Display names of staff, for showing who wrote a message; cached briefly, names rarely change. */
    public String staffName(long id) {
        return staffNames(Set.of(id)).getOrDefault(id, "?");
    }

    /** The display names of these staff members, all read in one lookup at most (see staffName); an unknown id is left out. */
    public Map<Long, String> staffNames(java.util.Collection<Long> ids) {
        boolean missing = ids.stream().anyMatch(id -> id != Staff.SYSTEM.id() && !names.containsKey(id));
        if (missing || clock.millis() - namesLoadedAt > 60_000) {
            Map<Long, String> fresh = new java.util.HashMap<>();
            jdbi.useHandle(h -> new StaffDao(h).all().forEach(s -> fresh.put(s.id(), s.name())));
            names.keySet().retainAll(fresh.keySet()); // never empty meanwhile: a reader beside this one still finds names
            names.putAll(fresh);
            namesLoadedAt = clock.millis();
        }
        Map<Long, String> found = new java.util.HashMap<>();
        for (long id : ids) {
            String name = id == Staff.SYSTEM.id() ? Staff.SYSTEM.name() : names.get(id);
            if (name != null) found.put(id, name);
        }
        return found;
    }

    public List<Staff> accessAllStaff(Staff viewer) {
        Access.requireStaff(viewer);
        // By name as a French reader sorts them: SQL's lower(name) puts Élodie after Zoé.
        return jdbi.withHandle(h -> new StaffDao(h).all()).stream()
                .sorted(java.util.Comparator.comparing(Staff::name, io.guichet.platform.web.Messages.collator(io.guichet.platform.web.Messages.FR))).toList();
    }

    /**
     * Changes an account; {@code alsoInSameTransaction} adds what the caller changes with it (the inbox:
     * services and capacity). Once committed, every node re-checks the person's sockets.
     */
    public void doUpdateStaff(Staff actor, long id, String name, Role role, String lang, boolean active, Runnable alsoInSameTransaction) {
        Access.requireAdmin(actor);
        if (actor.id() == id && (!active || role != Role.ADMIN)) {
            throw ApiError.conflict("self_demotion", "You cannot remove your own administrator access");
        }
        checkAccount(name, role, lang);
        String trimmed = Fields.required("name", name, 120);
        jdbi.useTransaction(h -> {
            StaffDao dao = new StaffDao(h);
            Staff existing = dao.find(id).orElseThrow(() -> ApiError.notFound("Staff member"));
            dao.update(id, trimmed, role, lang == null ? existing.lang() : lang, active); // null: unchanged
            if (!active) dao.deleteSessionsOf(id);
            alsoInSameTransaction.run(); // nested Jdbi calls on this thread join this transaction
        });
        bus.publish(new StaffAccessChanged(id)); // every node, this one included, forgets its cached sessions of them
    }

    /** The signed-in person's language, kept on their account: the next sign-in, on any device, opens in it. */
    public void doSetLanguage(Staff actor, String lang) {
        Access.requireAccount(actor);
        if (!Messages.isSupported(lang)) throw ApiError.invalid("lang", "lang must be fr or en");
        if (actor.id() == 0 || lang.equals(actor.lang())) return; // an API token's actor has no account
        jdbi.useTransaction(h -> new StaffDao(h).updateLanguage(actor.id(), lang));
        bus.publish(new StaffAccessChanged(actor.id())); // cached sessions re-read the account on every node
    }

    /** Names (or no longer names) a staff member the privacy officer; their sessions re-read the flag on every node. */
    public void doSetPrivacyOfficer(Staff actor, long id, boolean officer) {
        Access.requireAdmin(actor);
        jdbi.useTransaction(h -> {
            StaffDao dao = new StaffDao(h);
            dao.find(id).orElseThrow(() -> ApiError.notFound("Staff member"));
            dao.setPrivacyOfficer(id, officer);
        });
        bus.publish(new StaffAccessChanged(id));
    }

    private void forget(long staffId) {
        names.remove(staffId);
        sessions.removeIf(staff -> staff.id() == staffId);
    }
}
