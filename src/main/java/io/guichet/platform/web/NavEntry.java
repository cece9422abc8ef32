package io.guichet.platform.web;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One entry of the staff navigation, declared by the module whose screen it opens: the key a page names
 * as active, its label's message key, where it goes (by language), who sees it, and the entries of its
 * section, shown as a second bar while the section is open. {@code V} is the signed-in person's type,
 * which the platform does not know.
 */
public record NavEntry<V>(String key, String labelKey, Function<String, String> hrefByLang, Predicate<? super V> audience,
                          List<NavEntry<V>> section) {
    public static <V> NavEntry<V> of(String key, String labelKey, String href, Predicate<? super V> audience) {
        return new NavEntry<>(key, labelKey, lang -> href, audience, List.of());
    }

    /** The same entry heading a section of its own entries. */
    public NavEntry<V> withSection(List<NavEntry<V>> entries) {
        return new NavEntry<>(key, labelKey, hrefByLang, audience, List.copyOf(entries));
    }

    /** Whether the page whose entry is {@code active} is this entry or one of its section. */
    public boolean contains(String active) {
        return key.equals(active) || section.stream().anyMatch(e -> e.contains(active));
    }
}
