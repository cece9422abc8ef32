package io.guichet.desk;

import io.guichet.identity.IdentityService;
import io.guichet.identity.Staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The demo's hotline phones: Noémie (IT support, the exam hotline) answers at extension 201, two missed calls wait in
 * the callback queue (given to whoever of the hotline comes on line), and one call was logged by hand about an incident.
 */
public final class DeskPhonesDemo {
    private DeskPhonesDemo() {
    }

    public static void seed(DeskCalls calls, IdentityService identity, Clock clock) {
        Instant now = clock.instant();
        identity.accessAllStaff(Staff.SYSTEM).stream().filter(s -> s.name().equals("Noémie Côté")).findFirst()
                .ifPresent(noémie -> calls.doSetExtension(Staff.SYSTEM, noémie.id(), "201"));
        calls.doRecordMissed("demo-missed-1", "+14185550142", now.minus(Duration.ofMinutes(12)));
        calls.doRecordMissed("demo-missed-2", "+15815550123", now.minus(Duration.ofMinutes(4)));
        calls.doLogCall(Staff.SYSTEM, new DeskCalls.CallDraft("819 555-0144", "outbound", now.minus(Duration.ofMinutes(20)),
                "Rappel de l’étudiante : la reprise aura lieu à 13 h ; elle a reçu le lien.", null));
    }
}
