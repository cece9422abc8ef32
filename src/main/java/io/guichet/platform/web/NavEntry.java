package io.guichet.platform.web;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One entry of the staff navigation, declared by the module whose screen it opens: the key a page names
 * as active, its label's message key, where it goes (by language), who sees it, and the entries of its
 * section, shown as a second bar while the section is open. {@code V} is the signed-in person's type,
 * which the platform does not know. A menu ({@link #menu}) has no address of its own: the top bar shows it as a
 * button opening its entries, so that a role's many screens (the administrator's) do not crowd the bar.
 */
public record NavEntry<V>(String key, String labelKey, Function<String, String> hrefByLang, Predicate<? super V> audience,
                          List<NavEntry<V>> section) {
    public static <V> NavEntry<V> of(String key, String labelKey, String href, Predicate<? super V> audience) {
        return new NavEntry<>(key, labelKey, lang -> href, audience, List.of());
    }

    /** A menu of {@code entries} (each may head a section of its own), shown to whoever may open one of them. */
    public static <V> NavEntry<V> menu(String key, String labelKey, List<NavEntry<V>> entries) {
        List<NavEntry<V>> items = List.copyOf(entries);
        return new NavEntry<>(key, labelKey, null, viewer -> items.stream().anyMatch(e -> e.audience().test(viewer)), items);
    }

    public boolean isMenu() {
        return hrefByLang == null;
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
