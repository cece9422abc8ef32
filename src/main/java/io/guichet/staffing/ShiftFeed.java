package io.guichet.staffing;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.platform.web.SignedTokens;
import io.guichet.services.ServiceCatalogue;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A staff member's shifts as a calendar feed (RFC 5545, by ical4j) that a calendar app subscribes to: two weeks back,
 * eight ahead. Its link is signed for its owner (a calendar app sends no cookie) and lasts a year.
 */
public final class ShiftFeed {
    static final String PURPOSE = "shift-feed";
    private static final String PRODUCT = "-//Guichet//Quarts//FR";

    private final Rotas rotas;
    private final ServiceCatalogue services;
    private final SignedTokens tokens;
    private final String host;
    private final Clock clock;

    public ShiftFeed(Rotas rotas, ServiceCatalogue services, SignedTokens tokens, String host, Clock clock) {
        this.rotas = rotas;
        this.services = services;
        this.tokens = tokens;
        this.host = host;
        this.clock = clock;
    }

    public String doMakeFeedToken(Staff viewer) {
        Access.requireStaff(viewer);
        return tokens.sign(PURPOSE, Long.toString(viewer.id()), clock.instant().plus(Duration.ofDays(365)));
    }

    /** The feed of the link's owner, empty when the link is not valid. */
    public Optional<byte[]> findFeed(String token, String lang) {
        Instant now = clock.instant();
        return tokens.verify(PURPOSE, token, now).map(Long::parseLong).map(staffId -> {
            Calendar cal = new Calendar();
            cal.add(new ProdId(PRODUCT));
            cal.add(ImmutableVersion.VERSION_2_0);
            cal.add(ImmutableCalScale.GREGORIAN);
            cal.add(ImmutableMethod.PUBLISH);
            for (Rotas.Shift s : rotas.findShiftsOf(staffId, now.minus(Duration.ofDays(14)), now.plus(Duration.ofDays(56)))) {
                VEvent e = new VEvent(false);
                e.add(new Uid("shift-" + s.serviceId() + "-" + staffId + "-" + s.start().getEpochSecond() + "@" + host));
                e.add(new DtStamp(now));
                e.add(new DtStart<>(s.start()));
                e.add(new DtEnd<>(s.end()));
                e.add(new Summary(("en".equals(lang) ? "Shift — " : "Quart — ") + services.findById(s.serviceId()).name(lang)));
                cal.add((CalendarComponent) e);
            }
            StringWriter out = new StringWriter();
            try {
                new CalendarOutputter(false).output(cal, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString().getBytes(StandardCharsets.UTF_8);
        });
    }
}
