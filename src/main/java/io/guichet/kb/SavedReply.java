package io.guichet.kb;

/** A reply an agent inserts by typing {@code /name}: a service's (service set) or their own (personal). */
public record SavedReply(long id, String name, String body, String service, Long ownerId) {
    public boolean personal() {
        return ownerId != null;
    }
}
