package io.guichet.webinars;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Calendar files of the programme (RFC 5545, written by ical4j): one session's invitation for its registrant, and the
 * feed of the programme. Times are UTC instants, so no calendar needs our zone's rules. The {@code UID} is the
 * session's, stable for as long as it exists ({@code webinar-<id>@<host>}); {@code SEQUENCE} is the session's
 * {@code ics_sequence}, raised when its time changes or it is cancelled, so a calendar replaces the older copy.
 */
public final class Invitations {
    private static final String PRODUCT = "-//Guichet//Webinaires//FR";
    private final String host;

    public Invitations(String publicUrl) {
        this.host = URI.create(publicUrl).getHost();
    }

    public String uid(WebinarSession s) {
        return "webinar-" + s.id() + "@" + host;
    }

    /** The invitation a registration mail carries: {@code METHOD:REQUEST}, or {@code METHOD:CANCEL} once cancelled. */
    public byte[] invitation(WebinarSession s, String lang, String joinUrl, Instant now, boolean cancelled) {
        Calendar cal = calendar();
        cal.add(cancelled ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
        cal.add((CalendarComponent) event(s, lang, joinUrl, now, cancelled));
        return write(cal);
    }

    /** The programme as one calendar to subscribe to ({@code METHOD:PUBLISH}), each session linked to its page. */
    public byte[] feed(List<WebinarSession> sessions, String lang, String publicUrl, Instant now) {
        Calendar cal = calendar();
        cal.add(ImmutableMethod.PUBLISH);
        for (WebinarSession s : sessions) cal.add((CalendarComponent) event(s, lang, publicUrl + "/programme/seance/" + s.id(), now, false));
        return write(cal);
    }

    private static Calendar calendar() {
        Calendar cal = new Calendar();
        cal.add(new ProdId(PRODUCT));
        cal.add(ImmutableVersion.VERSION_2_0);
        cal.add(ImmutableCalScale.GREGORIAN);
        return cal;
    }

    private VEvent event(WebinarSession s, String lang, String link, Instant now, boolean cancelled) {
        VEvent e = new VEvent(false);
        e.add(new Uid(uid(s)));
        e.add(new DtStamp(now));
        e.add(new DtStart<>(s.startsAt()));
        e.add(new DtEnd<>(s.endsAt()));
        e.add(new Sequence(s.icsSequence()));
        e.add(new Summary(s.title(lang)));
        e.add(new Description(s.description(lang) + (link == null ? "" : "\n\n" + link)));
        if (link != null) e.add(new Url(URI.create(link)));
        e.add(new Status(cancelled ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
        return e;
    }

    private static byte[] write(Calendar cal) {
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(cal, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
