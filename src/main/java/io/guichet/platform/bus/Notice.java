package io.guichet.platform.bus;

/**
 * A past-tense fact a module hands to the bus once its transaction has committed: a record of ids
 * and small values (never personal data), encoded by the bus's one codec for the other nodes. Its
 * topic is the record's simple name, which must be unique among notices.
 */
public interface Notice {
}
