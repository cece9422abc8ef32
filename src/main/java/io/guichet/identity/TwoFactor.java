package io.guichet.identity;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import io.guichet.identity.internal.TwoFactorDao;
import io.guichet.platform.Tokens;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.QrCodes;
import org.jdbi.v3.core.Jdbi;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Two-factor authentication of local accounts: TOTP (RFC 6238: SHA-1, 6 digits, 30 s, one step of drift either
 * way; codes from {@code dev.samstevens.totp}) with ten single-use recovery codes, stored hashed. A code is
 * accepted once: the last accepted time step is kept, so a code seen over a shoulder cannot be replayed in its
 * 30 seconds. {@code GUICHET_2FA_REQUIRED} names the roles that must enrol (none by default, so a fresh install's
 * first start and API login work; administrators see a warning until it is set).
 */
public final class TwoFactor {
    private static final int RECOVERY_CODES = 10;
    private static final DefaultCodeGenerator CODES = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Set<Role> requiredFor;

    TwoFactor(Jdbi jdbi, Clock clock, Set<Role> requiredFor) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.requiredFor = Set.copyOf(requiredFor);
    }

    /** What the enrolment screen shows: the secret (typed by hand if the camera fails), its otpauth URI and QR code. */
    public record Enrolment(String secret, String uri, String qrSvg) {
    }

    /** {@code GUICHET_2FA_REQUIRED}: roles separated by commas (admin,supervisor), none when unset. */
    public static Set<Role> requiredRoles(io.guichet.platform.Config config) {
        Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
        for (String code : config.settings().text("GUICHET_2FA_REQUIRED", "").split(",")) {
            if (code.isBlank()) continue;
            try {
                roles.add(Role.fromCode(code.strip()));
            } catch (IllegalArgumentException e) {
                throw new io.guichet.platform.Config.InvalidSetting("GUICHET_2FA_REQUIRED", code, "roles among admin,supervisor,agent");
            }
        }
        return roles;
    }

    public boolean requiredFor(Role role) {
        return requiredFor.contains(role);
    }

    /** The roles that must use two-factor ({@code GUICHET_2FA_REQUIRED}). */
    public Set<Role> requiredRoles() {
        return requiredFor;
    }

    public boolean isEnabled(long staffId) {
        return jdbi.withHandle(h -> new TwoFactorDao(h).totp(staffId)).map(TwoFactorDao.Totp::enabled).orElse(false);
    }

    /** Whether this person must enrol before doing anything else: their role requires it and they have not. */
    public boolean mustEnrol(Staff s) {
        return s.id() != 0 && requiredFor(s.role()) && !isEnabled(s.id());
    }

    /** A new secret, not yet in force: it counts once a first code from it is confirmed. */
    public Enrolment doBeginEnrolment(Staff actor) {
        Access.requireAccount(actor);
        if (isEnabled(actor.id())) throw ApiError.conflict("already_enrolled", "Two-factor authentication is already on for this account");
        String secret = new DefaultSecretGenerator(32).generate();
        jdbi.useTransaction(h -> new TwoFactorDao(h).setPendingSecret(actor.id(), secret));
        return enrolment(actor, secret);
    }

    /** The enrolment under way (the page reloaded), or a new one. */
    public Enrolment accessEnrolment(Staff actor) {
        Access.requireAccount(actor);
        Optional<TwoFactorDao.Totp> t = jdbi.withHandle(h -> new TwoFactorDao(h).totp(actor.id()));
        return t.isPresent() && !t.get().enabled() ? enrolment(actor, t.get().secret()) : doBeginEnrolment(actor);
    }

    private static Enrolment enrolment(Staff actor, String secret) {
        String uri = new QrData.Builder().label(actor.email()).secret(secret).issuer("Guichet").algorithm(HashingAlgorithm.SHA1)
                .digits(6).period(30).build().getUri();
        return new Enrolment(secret, uri, QrCodes.svg(uri, "QR code : " + actor.email()));
    }

    /** The first code proves the app holds the secret: two-factor is on, and these recovery codes are shown once. */
    public List<String> doConfirmEnrolment(Staff actor, String code) {
        Access.requireAccount(actor);
        TwoFactorDao.Totp t = jdbi.withHandle(h -> new TwoFactorDao(h).totp(actor.id()))
                .filter(x -> !x.enabled()).orElseThrow(() -> ApiError.conflict("no_enrolment", "Start the enrolment first"));
        long step = matchingStep(t.secret(), code).orElseThrow(() -> new ApiError(422, "wrong_code", "This code is not the app's current one", "code"));
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) codes.add(recoveryCode());
        jdbi.useTransaction(h -> {
            TwoFactorDao dao = new TwoFactorDao(h);
            dao.enable(actor.id(), step);
            dao.replaceRecoveryCodes(actor.id(), codes.stream().map(TwoFactor::hash).toList());
        });
        return codes;
    }

    /** An administrator turns it off for someone who lost their phone and their recovery codes; they enrol again. */
    public void doReset(Staff actor, long staffId) {
        Access.requireAdmin(actor);
        jdbi.useTransaction(h -> new TwoFactorDao(h).disable(staffId));
    }

    /** A code from the app (once) or an unused recovery code; false for anything else. */
    boolean check(long staffId, String code) {
        if (code == null || code.length() > 40) return false;
        Optional<TwoFactorDao.Totp> t = jdbi.withHandle(h -> new TwoFactorDao(h).totp(staffId)).filter(TwoFactorDao.Totp::enabled);
        if (t.isEmpty()) return false;
        Optional<Long> step = matchingStep(t.get().secret(), code);
        if (step.isPresent()) return jdbi.inTransaction(h -> new TwoFactorDao(h).acceptStep(staffId, step.get()));
        return jdbi.inTransaction(h -> new TwoFactorDao(h).useRecoveryCode(staffId, hash(code)));
    }

    private Optional<Long> matchingStep(String secret, String code) {
        String digits = code == null ? "" : code.replaceAll("\\s", "");
        if (!digits.matches("\\d{6}")) return Optional.empty();
        long now = clock.millis() / 30_000;
        for (long step = now - 1; step <= now + 1; step++) {
            try {
                if (MessageDigest.isEqual(CODES.generate(secret, step).getBytes(), digits.getBytes())) return Optional.of(step);
            } catch (CodeGenerationException e) {
                throw new IllegalStateException(e);
            }
        }
        return Optional.empty();
    }

    /** Ten letters and digits in two groups ("k7qm2-x9dfa"), easy to type; about 50 bits, enough for a single use. */
    private static String recoveryCode() {
        String raw = Tokens.random("", 8).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        while (raw.length() < 10) raw += Tokens.random("", 8).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return raw.substring(0, 5) + "-" + raw.substring(5, 10);
    }

    private static String hash(String recoveryCode) {
        return Tokens.hash(recoveryCode.strip().toLowerCase(Locale.ROOT));
    }
}
