package io.guichet.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checks every field of one request before refusing it, so that a form shows all its errors at once (each next
 * to its field) instead of one per try. {@link #done()} throws the first refusal carrying the others
 * ({@link ApiError#all()}); the API answers that first one, in the usual shape.
 */
public final class Checks {
    private final List<ApiError> found = new ArrayList<>();

    /** The value {@code check} returns, or null when it refused (the refusal is kept). */
    public <T> T check(Supplier<T> check) {
        try {
            return check.get();
        } catch (ApiError e) {
            found.addAll(e.all()); // a refusal that already gathered several keeps them all
            return null;
        }
    }

    /** Runs {@code check}, keeping what it refused. */
    public void run(Runnable check) {
        check(() -> {
            check.run();
            return null;
        });
    }

    public void refuse(ApiError e) {
        found.addAll(e.all());
    }

    /** Throws what was refused, if anything. */
    public void done() {
        if (!found.isEmpty()) throw found.getFirst().with(found.subList(1, found.size()));
    }
}
