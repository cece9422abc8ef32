package io.guichet.webinars;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The .ics a registrant's calendar reads, parsed back by the library that wrote it. */
class InvitationsTest {
    final Invitations invitations = new Invitations("https://guichet.cegep-test.qc.ca");
    final Instant now = Instant.parse("2027-01-11T15:00:00Z");

    static WebinarSession session(Instant start, int sequence) {
        return new WebinarSession(42, null, null, null, "webinar", "Séance d’information — Cégep", "Information session", "Le **programme**, l’horaire.",
                "The programme.", List.of("Élodie"), 30, "fr", List.of(), start, start.plusSeconds(3600), null, null, sequence, 0, null);
    }

    static Calendar parse(byte[] ics) throws Exception {
        return new CalendarBuilder().build(new ByteArrayInputStream(ics));
    }

    static String prop(VEvent e, String name) {
        return e.getProperty(name).map(Property::getValue).orElseThrow();
    }

    @Test
    void anInvitationCarriesAStableUidTheSequenceUtcTimesAndTheJoinLink() throws Exception {
        WebinarSession s = session(Instant.parse("2027-01-15T19:00:00Z"), 0);
        Calendar cal = parse(invitations.invitation(s, "fr", "https://guichet.cegep-test.qc.ca/j/abc", now, false));
        assertThat(cal.getProperty("METHOD").map(Property::getValue)).contains("REQUEST");
        VEvent e = (VEvent) cal.getComponents().getFirst();
        assertThat(prop(e, "UID")).isEqualTo("webinar-42@guichet.cegep-test.qc.ca");
        assertThat(prop(e, "SEQUENCE")).isEqualTo("0");
        assertThat(prop(e, "DTSTART")).isEqualTo("20270115T190000Z");
        assertThat(prop(e, "DTEND")).isEqualTo("20270115T200000Z");
        assertThat(prop(e, "SUMMARY")).isEqualTo("Séance d’information — Cégep");
        assertThat(prop(e, "DESCRIPTION")).contains("l’horaire").contains("https://guichet.cegep-test.qc.ca/j/abc");
        assertThat(prop(e, "STATUS")).isEqualTo("CONFIRMED");
    }

    @Test
    void aMovedSessionKeepsItsUidWithAHigherSequenceAndACancelledOneSaysCancel() throws Exception {
        WebinarSession moved = session(Instant.parse("2027-01-15T20:00:00Z"), 1);
        VEvent e = (VEvent) parse(invitations.invitation(moved, "en", null, now, false)).getComponents().getFirst();
        assertThat(prop(e, "UID")).isEqualTo("webinar-42@guichet.cegep-test.qc.ca");
        assertThat(prop(e, "SEQUENCE")).isEqualTo("1");
        assertThat(prop(e, "SUMMARY")).isEqualTo("Information session");

        Calendar cancelled = parse(invitations.invitation(session(moved.startsAt(), 2), "fr", null, now, true));
        assertThat(cancelled.getProperty("METHOD").map(Property::getValue)).contains("CANCEL");
        VEvent c = (VEvent) cancelled.getComponents().getFirst();
        assertThat(prop(c, "SEQUENCE")).isEqualTo("2");
        assertThat(prop(c, "STATUS")).isEqualTo("CANCELLED");
    }

    @Test
    void theProgrammeFeedHoldsEverySessionLinkedToItsPage() throws Exception {
        Calendar feed = parse(invitations.feed(List.of(session(Instant.parse("2027-01-15T19:00:00Z"), 0)), "fr", "https://guichet.cegep-test.qc.ca", now));
        assertThat(feed.getProperty("METHOD").map(Property::getValue)).contains("PUBLISH");
        assertThat(feed.getComponents()).hasSize(1);
        assertThat(prop((VEvent) feed.getComponents().getFirst(), "URL")).isEqualTo("https://guichet.cegep-test.qc.ca/programme/seance/42");
    }
}
