package io.guichet.people;

import io.guichet.platform.mail.Purpose;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CASL's rules on the ledger, read at a given moment: what lapses, what wins, what never lapses. */
class ConsentRulesTest {
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 12, 1, 15, 0, 0, 0, ZoneOffset.UTC);
    private long ids;

    private ConsentLedger.Entry grant(String basis, String ground, ZonedDateTime groundAt, ZonedDateTime at) {
        return new ConsentLedger.Entry(++ids, 1, Purpose.NEWSLETTERS, true, basis, ground, groundAt == null ? null : groundAt.toInstant(),
                "form", "J’accepte de recevoir l’infolettre.", null, null, at.toInstant());
    }

    private ConsentLedger.Entry withdrawal(ZonedDateTime at) {
        return new ConsentLedger.Entry(++ids, 1, Purpose.NEWSLETTERS, false, null, null, null, "unsubscribe_link", null, null, null, at.toInstant());
    }

    private static ConsentLedger.State now(ConsentLedger.Entry... entries) {
        return ConsentLedger.stateOf(Purpose.NEWSLETTERS, List.of(entries), NOW.toInstant());
    }

    @Test
    void impliedConsentFromAnInquirySixMonthsAndADayAgoIsNoLongerConsent() {
        ZonedDateTime inquiry = NOW.minusMonths(6).minusDays(1);
        ConsentLedger.State s = now(grant("implied", "inquiry", inquiry, inquiry));
        assertThat(s.allowed()).isFalse();
        assertThat(s.state()).isEqualTo("expired");
        assertThat(s.expiresAt()).isEqualTo(NOW.minusDays(1).toInstant());
        ZonedDateTime recent = NOW.minusMonths(6).plusDays(1);
        assertThat(now(grant("implied", "inquiry", recent, recent)).allowed()).as("six months less a day").isTrue();
    }

    @Test
    void aRelationshipThatEndedTwentyThreeMonthsAgoStillImpliesConsent() {
        ZonedDateTime ended = NOW.minusMonths(23);
        ConsentLedger.State s = now(grant("implied", "relationship", ended, NOW.minusYears(3)));
        assertThat(s.allowed()).isTrue();
        assertThat(s.expiresAt()).isEqualTo(ended.plusYears(2).toInstant());
        assertThat(now(grant("implied", "relationship", NOW.minusMonths(25), NOW.minusYears(3))).allowed()).as("25 months").isFalse();
        assertThat(now(grant("implied", "relationship", null, NOW.minusYears(5))).allowed()).as("a relationship that goes on").isTrue();
    }

    @Test
    void aWithdrawalAfterAGrantWinsAndAGrantAfterAWithdrawalCounts() {
        var granted = grant("express", null, null, NOW.minusDays(10));
        var withdrawn = withdrawal(NOW.minusDays(5));
        ConsentLedger.State s = now(granted, withdrawn);
        assertThat(s.allowed()).isFalse();
        assertThat(s.state()).isEqualTo("withdrawn");
        assertThat(now(withdrawn, granted).allowed()).as("the order of the list does not matter, the time does").isFalse();
        assertThat(now(granted, withdrawn, grant("express", null, null, NOW.minusDays(1))).allowed()).isTrue();
        assertThat(ConsentLedger.stateOf(Purpose.NEWSLETTERS, List.of(granted, withdrawn), NOW.minusDays(7).toInstant()).allowed())
                .as("read as it stood a week ago").isTrue();
    }

    @Test
    void expressConsentNeverLapsesAndALaterImpliedGrantDoesNotShortenIt() {
        var express = grant("express", null, null, NOW.minusYears(12));
        assertThat(now(express).allowed()).isTrue();
        assertThat(now(express).expiresAt()).isNull();
        ZonedDateTime inquiry = NOW.minusYears(1);
        ConsentLedger.State s = now(express, grant("implied", "inquiry", inquiry, inquiry));
        assertThat(s.allowed()).isTrue();
        assertThat(s.basis()).isEqualTo("express");
    }

    @Test
    void noEntryIsNoConsentAndOtherPurposesDoNotCount() {
        assertThat(now().state()).isEqualTo("none");
        assertThat(now().allowed()).isFalse();
        var events = new ConsentLedger.Entry(99, 1, Purpose.EVENTS, true, "express", null, null, "form", "Oui", null, null, NOW.minusDays(1).toInstant());
        assertThat(now(events).allowed()).isFalse();
    }

    @Test
    void badChangesAreRefusedNamingTheField() {
        assertThat(field(() -> ConsentLedger.change("transactional", "granted", "express", null, null, null, "Oui", null))).isEqualTo("purpose");
        assertThat(field(() -> ConsentLedger.change("newsletters", "maybe", "express", null, null, null, "Oui", null))).isEqualTo("state");
        assertThat(field(() -> ConsentLedger.change("newsletters", "granted", "tacit", null, null, null, "Oui", null))).isEqualTo("basis");
        assertThat(field(() -> ConsentLedger.change("newsletters", "granted", "express", null, null, null, null, null))).isEqualTo("wording");
        assertThat(field(() -> ConsentLedger.change("newsletters", "granted", "implied", null, null, null, "Oui", null))).isEqualTo("ground");
        assertThat(field(() -> ConsentLedger.change("newsletters", "granted", "implied", "inquiry", null, null, "Oui", null))).isEqualTo("groundAt");
        assertThat(field(() -> ConsentLedger.change("newsletters", "granted", "express", null, null, "unsubscribe_link", "Oui", null))).isEqualTo("source");
        assertThat(field(() -> ConsentLedger.change("newsletters", "granted", "express", null, null, null, "x".repeat(2001), null))).isEqualTo("wording");
        assertThat(ConsentLedger.change("newsletters", "withdrawn", null, null, null, "staff", null, null).granted()).isFalse();
    }

    private static String field(Runnable r) {
        try {
            r.run();
            return null;
        } catch (io.guichet.platform.web.ApiError e) {
            return e.field();
        }
    }
}
