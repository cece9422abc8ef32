package io.guichet.alerts;

/**
 * A browser that allowed the alerts' notifications: its push service endpoint, the keys its payloads are encrypted to
 * (RFC 8291: {@code p256dh} the browser's P-256 public key, {@code auth} its 16-byte secret, both base64url), whose it
 * is when the page knew ({@code contactId}, else null), and the language it was asked in.
 */
public record PushSubscription(long id, String endpoint, String p256dh, String auth, Long contactId, String lang) {
}
