package io.guichet.inbox;

/**
 * Where a conversation came from when another module started it: {@code kind} names the module's
 * object ("live" for a private question of a live session), {@code ref} identifies it there (the
 * session's slug). The inbox stores and filters by it, and knows nothing else of that object.
 */
public record Origin(String kind, String ref) {
    public static final String LIVE = "live";

    public Origin {
        if (kind == null || kind.isBlank() || ref == null || ref.isBlank()) throw new IllegalArgumentException("An origin has a kind and a ref");
    }
}
