package io.guichet.inbox;

/** A label an administrator defined; {@code colour} is "#rrggbb". */
public record Label(long id, String name, String colour) {
}
