package io.guichet.identity.web;

import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Role;
import io.guichet.identity.TwoFactor;
import io.guichet.identity.Staff;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShell.Link;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.List;
import java.util.stream.Stream;

/**
 * The staff navigation, assembled from the entries each module's web adapter declares, and filtered
 * for the person signed in: an entry shows only to those its audience admits.
 */
public final class StaffNavigation implements StaffShells {
    private final WebKernel web;
    private final Times times;
    private final List<NavEntry<Staff>> entries;
    private final TwoFactor twoFactor;
    /** The administration screens, where an administrator is told what the installation still lacks. */
    private static final java.util.Set<String> ADMIN_PAGES = java.util.Set.of("services", "staff", "tokens", "mail");

    public StaffNavigation(WebKernel web, Times times, TwoFactor twoFactor, List<NavEntry<Staff>> entries) {
        this.web = web;
        this.times = times;
        this.twoFactor = twoFactor;
        this.entries = List.copyOf(entries);
    }

    @Override
    public StaffShell of(Context ctx, String active, StaffShell.Assets assets) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        List<NavEntry<Staff>> shown = visible(entries, me);
        StaffShell.Section section = shown.stream().flatMap(e -> e.isMenu() ? e.section().stream() : Stream.of(e))
                .filter(e -> e.contains(active) && !e.section().isEmpty()).findFirst()
                .map(e -> new StaffShell.Section(t.t(e.labelKey()), links(visible(e.section(), me), active, t)))
                .orElse(StaffShell.Section.NONE);
        List<String> warnings = Access.canAdminister(me) && ADMIN_PAGES.contains(active) && !twoFactor.requiredFor(Role.ADMIN)
                ? List.of(t.t("twofactor.warning.off")) : List.of();
        return new StaffShell(t, WebKernel.csrf(ctx), back(ctx, active, t), times.zone().getId(), me.name(), me.email(),
                links(shown, active, t), section, assets, warnings);
    }

    @Override
    public String home(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        return flat(visible(entries, me)).stream().filter(e -> !e.isMenu()).findFirst()
                .map(e -> e.hrefByLang().apply(web.localizer(ctx).lang())).orElse("/account/two-factor"); // nothing else to open: the account's own settings
    }

    /** Where the language switch returns: this page, or after a refused form (a POST) the page of its entry. */
    private String back(Context ctx, String active, Localizer t) {
        if (ctx.method() == HandlerType.GET) return ctx.path();
        return flat(entries).stream().filter(e -> e.key().equals(active)).findFirst()
                .map(e -> e.hrefByLang().apply(t.lang())).orElse("/console");
    }

    private static List<NavEntry<Staff>> flat(List<NavEntry<Staff>> entries) {
        return entries.stream().flatMap(e -> Stream.concat(Stream.of(e), flat(e.section()).stream())).toList();
    }

    private static List<NavEntry<Staff>> visible(List<NavEntry<Staff>> entries, Staff me) {
        return entries.stream().filter(e -> e.audience().test(me))
                .map(e -> e.isMenu() ? NavEntry.menu(e.key(), e.labelKey(), visible(e.section(), me)) : e).toList();
    }

    private static List<Link> links(List<NavEntry<Staff>> entries, String active, Localizer t) {
        return entries.stream().map(e -> links(e, active, t)).toList();
    }

    /** A link, or a menu of the links of its entries. */
    private static Link links(NavEntry<Staff> e, String active, Localizer t) {
        String current = e.key().equals(active) ? "page" : e.contains(active) ? "true" : null;
        return e.isMenu() ? new Link(t.t(e.labelKey()), null, current, links(e.section(), active, t))
                : new Link(t.t(e.labelKey()), e.hrefByLang().apply(t.lang()), current);
    }
}
