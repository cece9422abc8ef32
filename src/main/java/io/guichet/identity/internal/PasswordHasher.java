package io.guichet.identity.internal;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Argon2id with OWASP's recommended cost (19 MiB, 2 passes), stored in PHC string form. */
public final class PasswordHasher {
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    /** Checked against when the account does not exist, so timing does not reveal which emails exist. */
    private static final String DECOY = hash("decoy-password-for-timing");

    public static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    public static boolean matches(String password, String hash) {
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** Takes as long as checking a real hash, and never matches. */
    public static boolean spendDecoyTime(String password) {
        matches(password, DECOY);
        return false;
    }

    private PasswordHasher() {
    }
}
