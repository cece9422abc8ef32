package io.guichet.journeys;

import io.guichet.journeys.internal.JourneyDao;
import io.guichet.people.PersonalData;
import org.jdbi.v3.core.Handle;

/**
 * A contact's journeys in people's export and erasure: their enrolments with each step's state, the descriptions of
 * their documents (name, type, size, checksum; the files themselves are the applicant's to download from their page)
 * and the reminders they were sent. Erasure deletes the documents whatever the rule (a passport copy names its owner);
 * when records are kept, the enrolment stays for the numbers, without address, name or the reasons staff wrote.
 */
public final class JourneyPersonalData implements PersonalData {
    @Override
    public String module() {
        return "journeys";
    }

    @Override
    public String exportJson(Handle h, long contactId) {
        return new JourneyDao(h).personalDataJson(contactId);
    }

    @Override
    public void erase(Handle h, long contactId, Erasure mode) {
        new JourneyDao(h).eraseOfContact(contactId, mode == Erasure.DELETE);
    }
}
