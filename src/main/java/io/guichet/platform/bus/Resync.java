package io.guichet.platform.bus;

/**
 * Published on this node only, after the bus re-established its LISTEN connection: notices of the
 * last {@code lookBackMillis} may be missing, and subscribers catch up from the database.
 */
public record Resync(long lookBackMillis) implements Notice {
}
