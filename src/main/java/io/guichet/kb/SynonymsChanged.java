package io.guichet.kb;

import io.guichet.platform.bus.Notice;

/** Staff saved the synonyms of a language ({@code fr} or {@code en}); every node rebuilds its analysers. */
public record SynonymsChanged(String lang) implements Notice {
}
