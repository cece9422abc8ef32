package io.guichet.identity.internal;

/** A sign-in refused by the provider, or what it sent refused here; the reason goes to the log, never to the person. */
public final class SignInFailure extends Exception {
    public SignInFailure(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
