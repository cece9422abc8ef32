package io.guichet.identity;

import io.guichet.identity.internal.PasswordHasher;
import io.guichet.identity.internal.StaffDao;
import io.guichet.platform.ShortLivedCache;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.Tokens;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Messages;
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
import java.util.function.LongConsumer;

/**
 * Staff accounts and their sessions. Logins slow down after a few failures and lock the account for
 * a while after more, so a password cannot be guessed online.
 */
public final class IdentityService {
    public static final String WEB = "web";
    public static final String API = "api";
    static final int SLOW_DOWN_AFTER = 3;
    static final int LOCK_AFTER = 6;
    static final Duration LOCK_FOR = Duration.ofMinutes(15);
    private static final Duration WEB_SESSION = Duration.ofHours(12);
    private static final Duration API_SESSION = Duration.ofDays(30);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Bus bus;
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private static final long SESSION_CACHE_MILLIS = 5_000;
    private final ShortLivedCache<String, Staff> sessions;
    private volatile long namesLoadedAt;

    public IdentityService(Jdbi jdbi, Clock clock, Bus bus) {
        this.sessions = new ShortLivedCache<>(clock, SESSION_CACHE_MILLIS, 10_000);
        this.jdbi = jdbi;
        this.clock = clock;
        this.bus = bus;
        bus.subscribe(StaffAccessChanged.class, n -> forget(n.staffId())); // registered first: sockets re-check after
    }

    /** A new account's details, validated by {@link #doCreateStaff}. */
    public record NewStaff(String email, String name, String password, Role role, String lang) {
    }

    /** What a login attempt gives: a token, or why not. */
    public sealed interface LoginResult {
        record Success(String token, Staff staff) implements LoginResult {
        }

        record Refused() implements LoginResult {
        }

        record Locked(Instant until) implements LoginResult {
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
    private record ValidStaff(String email, String name, String passwordHash, Role role, String lang) {
    }

    private static ValidStaff validate(NewStaff s) {
        String email = Fields.optionalEmail("email", s.email());
        if (email == null) throw ApiError.invalid("email", "email is required");
        email = email.toLowerCase(Locale.ROOT);
        String name = Fields.required("name", s.name(), 120);
        if (s.password() == null || s.password().length() < 10 || s.password().length() > 200) {
            throw ApiError.invalid("password", "The password must have 10 to 200 characters");
        }
        if (s.role() == null) throw ApiError.invalid("role", "role must be admin, supervisor or agent");
        return new ValidStaff(email, name, PasswordHasher.hash(s.password()), s.role(), s.lang() == null ? "fr" : s.lang());
    }

    private static long insertStaff(Handle h, ValidStaff s) {
        StaffDao dao = new StaffDao(h);
        if (dao.emailTaken(s.email())) throw ApiError.conflict("email_taken", "An account already uses this email");
        return dao.insert(s.email(), s.name(), s.passwordHash(), s.role(), s.lang());
    }

    public LoginResult doLogin(String email, String password, String kind) {
        if (email == null || password == null || password.length() > 200) return new LoginResult.Refused();
        LoginResult result = jdbi.inTransaction(h -> {
            StaffDao dao = new StaffDao(h);
            Optional<StaffDao.Credentials> found = dao.credentialsForUpdate(email.trim());
            if (found.isEmpty() || !found.get().staff().active()) {
                PasswordHasher.spendDecoyTime(password);
                return new LoginResult.Refused();
            }
            StaffDao.Credentials c = found.get();
            Instant now = clock.instant();
            if (c.lockedUntil() != null && c.lockedUntil().isAfter(now)) return new LoginResult.Locked(c.lockedUntil());
            if (!PasswordHasher.matches(password, c.passwordHash())) {
                int failures = c.failedLogins() + 1;
                dao.recordFailure(c.staff().id(), failures >= LOCK_AFTER ? now.plus(LOCK_FOR) : null);
                return failures >= LOCK_AFTER ? new LoginResult.Locked(now.plus(LOCK_FOR)) : new LoginResult.Refused();
            }
            dao.recordSuccess(c.staff().id());
            String token = Tokens.random(API.equals(kind) ? "gs_" : "gw_");
            dao.insertSession(Tokens.hash(token), c.staff().id(), kind, now.plus(API.equals(kind) ? API_SESSION : WEB_SESSION));
            return new LoginResult.Success(token, c.staff());
        });
        if (result instanceof LoginResult.Refused) pauseAfterFailure(email);
        return result;
    }

    /** After the first few failures each refusal takes longer, outside the transaction. */
    private void pauseAfterFailure(String email) {
        int failures = jdbi.withHandle(h -> h.createQuery("SELECT failed_logins FROM staff WHERE lower(email) = lower(:e)")
                .bind("e", email.trim()).mapTo(Integer.class).findOne().orElse(0));
        if (failures >= SLOW_DOWN_AFTER) {
            try {
                Thread.sleep(Math.min(4_000, 500L * (failures - SLOW_DOWN_AFTER + 1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
        if (id == Staff.SYSTEM.id()) return Staff.SYSTEM.name();
        if (clock.millis() - namesLoadedAt > 60_000 || !names.containsKey(id)) {
            names.clear();
            jdbi.useHandle(h -> new StaffDao(h).all().forEach(s -> names.put(s.id(), s.name())));
            namesLoadedAt = clock.millis();
        }
        return names.getOrDefault(id, "?");
    }

    public List<Staff> accessAllStaff(Staff viewer) {
        Access.requireStaff(viewer);
        return jdbi.withHandle(h -> new StaffDao(h).all());
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
        String trimmed = Fields.required("name", name, 120);
        jdbi.useTransaction(h -> {
            StaffDao dao = new StaffDao(h);
            Staff existing = dao.find(id).orElseThrow(() -> ApiError.notFound("Staff member"));
            dao.update(id, trimmed, role, lang == null ? existing.lang() : Messages.supported(lang), active); // null: unchanged
            if (!active) dao.deleteSessionsOf(id);
            alsoInSameTransaction.run(); // nested Jdbi calls on this thread join this transaction
        });
        bus.publish(new StaffAccessChanged(id)); // every node, this one included, forgets its cached sessions of them
    }

    private void forget(long staffId) {
        names.remove(staffId);
        sessions.removeIf(staff -> staff.id() == staffId);
    }
}
