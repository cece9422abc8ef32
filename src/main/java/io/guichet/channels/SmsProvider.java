package io.guichet.channels;

/**
 * Where a short text message (SMS, or a voice call reading it) leaves for a phone number: the institution's gateway.
 * Guichet ships one, {@link HttpSmsGateway}, configurable enough for most gateways' JSON APIs; another is a class of
 * this interface. The text is already as short as it must be; {@code to} is E.164 ({@code +15145550123}).
 */
public interface SmsProvider {
    /** What the gateway said: accepted or not, its last HTTP status (0 when it could not be reached), after how many attempts. */
    record Result(boolean accepted, int status, int attempts) {
    }

    Result send(String to, String text);
}
