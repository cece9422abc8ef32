package io.guichet.people;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.people.PersonalData.Erasure;
import io.guichet.people.internal.ConsentDao;
import io.guichet.people.internal.PrivacyDao;
import io.guichet.people.internal.PrivacyDao.AuditRow;
import io.guichet.people.internal.PrivacyDao.Rule;
import io.guichet.platform.web.ApiError;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Loi 25 and GDPR, built in: everything about one person (right of access), erasure, the retention policy
 * per kind of contact and its nightly job, and the audit log of who read, exported, erased, merged or
 * changed the consent of whom, which the privacy officer reads.
 */
public final class PrivacyService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PrivacyService.class);
    public static final Set<String> KINDS = Set.of("none", "prospect", "parent", "student", "alumnus", "partner", "professor", "employer");
    public static final Set<String> AUDITED = Set.of("read", "export", "erase", "merge", "consent", "retention");
    /** The nightly job's hour, in the institution's zone: quiet, and before the working day. */
    private static final LocalTime NIGHTLY = LocalTime.of(3, 0);
    private static final int RETENTION_BATCH = 100;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Jdbi jdbi;
    private final PeopleService people;
    private final ConsentLedger ledger;
    private final List<PersonalData> modules;
    private final Clock clock;
    private final ZoneId zone;
    private ScheduledExecutorService nightly;

    public PrivacyService(Jdbi jdbi, PeopleService people, ConsentLedger ledger, List<PersonalData> modules, Clock clock, ZoneId zone) {
        this.jdbi = jdbi;
        this.people = people;
        this.ledger = ledger;
        this.modules = List.copyOf(modules);
        this.clock = clock;
        this.zone = zone;
    }

    // ---------------------------------------------------------------- audit log

    /** A staff member opened the contact's page or record: the contact page calls this once per view. */
    public void doAuditRead(Viewer viewer, long contactId, String clientIp) {
        doAudit(viewer.staff(), "read", contactId, clientIp, null);
    }

    /** An entry of the audit log, for actions of other parts of people (a merge) done by a staff member. */
    public void doAudit(Staff actor, String action, long contactId, String clientIp, String detail) {
        Access.requireStaff(actor);
        if (!AUDITED.contains(action)) throw new IllegalArgumentException("not an audited action: " + action);
        jdbi.useTransaction(h -> new PrivacyDao(h).audit(actor.id(), action, contactId, clientIp, detail));
    }

    public record AuditEntry(long id, Instant at, long staffId, String action, Long contactId, String clientIp, String detail) {
    }

    /** Newest first; {@code before} an entry id for the next page. Only the privacy officer reads it. */
    public List<AuditEntry> accessAuditLog(Staff viewer, Long contactId, String action, Long before, int limit) {
        Access.requireAuditLog(viewer);
        if (action != null && !AUDITED.contains(action)) throw ApiError.invalid("action", "action must be one of " + String.join(", ", AUDITED));
        if (limit < 1 || limit > 500) throw ApiError.invalid("limit", "limit must be from 1 to 500");
        List<AuditRow> rows = jdbi.withHandle(h -> new PrivacyDao(h).auditLog(contactId, action, before == null ? Long.MAX_VALUE : before, limit));
        return rows.stream().map(r -> new AuditEntry(r.id(), r.at(), r.staffId(), r.action(), r.contactId(), r.clientIp(), r.detail())).toList();
    }

    /** The contact's language, for the unsubscribe page (a signed link: no viewer); empty when there is no such contact. */
    public java.util.Optional<String> findLanguage(long contactId) {
        return jdbi.withHandle(h -> new PrivacyDao(h).contactState(contactId)).map(m -> (String) m.get("lang"));
    }

    public boolean findErased(long contactId) {
        return jdbi.withHandle(h -> new PrivacyDao(h).contactState(contactId)).map(m -> Boolean.TRUE.equals(m.get("erased"))).orElse(false);
    }

    // ---------------------------------------------------------------- export (right of access)

    /**
     * Everything about one person, as JSON: the contact, its identities and the addresses it typed in the chat, the custom fields defined, the consent
     * ledger, the timeline, and what each other module holds (conversations and their messages, live questions).
     */
    public JsonNode accessExport(Viewer viewer, long contactId, String clientIp) {
        Access.requireExportContact(viewer.staff());
        return jdbi.inTransaction(h -> {
            PrivacyDao dao = new PrivacyDao(h);
            if (dao.contactState(contactId).isEmpty()) throw ApiError.notFound("Contact");
            ObjectNode out = JSON.createObjectNode();
            out.put("exportedAt", clock.instant().atZone(zone).toOffsetDateTime().toString());
            out.set("contact", parse(dao.contactJson(contactId)));
            out.set("identities", parse(dao.identitiesJson(contactId)));
            out.set("claims", parse(dao.claimsJson(contactId)));
            out.set("fields", parse(dao.fieldsJson()));
            List<ConsentLedger.Entry> entries = new ConsentDao(h).entries(contactId);
            ObjectNode consent = out.putObject("consent");
            consent.set("current", JSON.valueToTree(ConsentLedger.purposes().stream().map(p -> ConsentLedger.stateOf(p, entries, clock.instant())).toList()));
            consent.set("history", JSON.valueToTree(entries.reversed()));
            out.set("timeline", parse(dao.timelineJson(contactId)));
            for (PersonalData m : modules) out.set(m.module(), parse(m.exportJson(h, contactId)));
            dao.audit(viewer.id(), "export", contactId, clientIp, null);
            return out;
        });
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a module's export is not JSON", e);
        }
    }

    // ---------------------------------------------------------------- erasure

    public record Erased(long contactId, Erasure mode, int contacts) {
    }

    /**
     * Erases a person, which cannot be undone: identities and personal fields go, and the contact row stays
     * as an anonymous former contact so that what other modules must keep still resolves; whether their
     * conversations and questions stay or go is the rule of the contact's kinds (kept when any kind keeps).
     * Contacts merged into it are erased with it. Of the consent ledger only the withdrawals stay: they prove,
     * should a complaint come, that an opt-out was honoured, and name no one once the contact is anonymous.
     */
    public Erased doErase(Staff actor, long contactId, String clientIp) {
        Access.requireEraseContact(actor);
        record Done(Erased result, List<Long> ids) {
        }
        Done erased = jdbi.inTransaction(h -> {
            PrivacyDao dao = new PrivacyDao(h);
            Map<String, Object> state = dao.contactState(contactId).orElseThrow(() -> ApiError.notFound("Contact"));
            if (Boolean.TRUE.equals(state.get("erased"))) throw ApiError.conflict("already_erased", "This contact was already erased");
            Erasure mode = dao.deletesOnErase(contactId) ? Erasure.DELETE : Erasure.KEEP;
            List<Long> ids = dao.erasable(contactId);
            for (long id : ids) {
                for (PersonalData m : modules) {
                    String refusal = m.refusesErasure(h, id, mode);
                    if (refusal != null) throw ApiError.conflict("erasure_refused", refusal);
                }
            }
            erase(h, ids, mode);
            people.doRecord(h, new TimelineEntry(contactId, clock.instant(), "people", "contact.erased", Map.of("mode", mode.key()), null, null, actor.id()));
            dao.audit(actor.id(), "erase", contactId, clientIp, mode.key() + (ids.size() > 1 ? ", " + ids.size() + " contacts" : ""));
            return new Done(new Erased(contactId, mode, ids.size()), ids);
        });
        people.announceChanged(erased.ids());
        return erased.result();
    }

    private void erase(Handle h, List<Long> ids, Erasure mode) {
        Instant now = clock.instant();
        for (long id : ids) {
            for (PersonalData m : modules) m.erase(h, id, mode);
            new ConsentDao(h).deleteGrants(id);
        }
        new PrivacyDao(h).anonymise(ids, now);
    }

    // ---------------------------------------------------------------- rules and retention

    /** Per kind: what erasure does, how long an inactive contact is kept, and how many the policy anonymises now. */
    public record KindRule(String kind, Erasure onErase, Integer retentionMonths, long affectedNow) {
    }

    public List<KindRule> accessRules(Staff viewer) {
        Access.requirePrivacyRules(viewer);
        return findRules();
    }

    private List<KindRule> findRules() {
        List<Rule> rules = jdbi.withHandle(h -> new PrivacyDao(h).rules(clock.instant()));
        return rules.stream().map(r -> new KindRule(r.kind(), Erasure.valueOf(r.onErase().toUpperCase(java.util.Locale.ROOT)),
                r.retentionMonths(), r.affected())).toList();
    }

    /** How many contacts the retention policy would anonymise now (each counted once, whatever its kinds). */
    public long accessRetentionCount(Staff viewer) {
        Access.requirePrivacyRules(viewer);
        return jdbi.withHandle(h -> new PrivacyDao(h).countRetainedTooLong(clock.instant()));
    }

    public KindRule doSetRule(Staff actor, String kind, String onErase, Integer retentionMonths) {
        Access.requirePrivacyRules(actor);
        if (kind == null || !KINDS.contains(kind)) throw ApiError.notFound("Contact kind");
        if (!"keep".equals(onErase) && !"delete".equals(onErase)) throw ApiError.invalid("onErase", "onErase must be keep or delete");
        if (retentionMonths != null && (retentionMonths < 1 || retentionMonths > 600)) {
            throw ApiError.invalid("retentionMonths", "retentionMonths must be from 1 to 600, or null for never");
        }
        jdbi.useTransaction(h -> new PrivacyDao(h).setRule(kind, onErase, retentionMonths, actor.id()));
        return findRules().stream().filter(r -> r.kind().equals(kind)).findFirst().orElseThrow();
    }

    /**
     * The retention job: anonymises, as of {@code now}, every contact whose kinds all say it has been
     * inactive too long, by batches, on one node at a time (an advisory lock; rows another node holds are
     * skipped). A contact whose deletion a module refuses (an open conversation) is anonymised and its
     * records kept. Returns how many were anonymised.
     */
    public int doApplyRetention(Instant now) {
        int total = 0;
        while (true) {
            List<Long> done = jdbi.inTransaction(h -> {
                PrivacyDao dao = new PrivacyDao(h);
                if (!dao.tryRetentionLock()) return List.<Long>of();
                List<Long> ids = dao.retainedTooLong(now, RETENTION_BATCH);
                for (long id : ids) {
                    Erasure mode = dao.deletesOnErase(id) ? Erasure.DELETE : Erasure.KEEP;
                    for (PersonalData m : modules) if (mode == Erasure.DELETE && m.refusesErasure(h, id, mode) != null) mode = Erasure.KEEP;
                    erase(h, List.of(id), mode);
                    people.doRecord(h, new TimelineEntry(id, now, "people", "contact.erased", Map.of("mode", mode.key(), "by", "retention"), null, null, null));
                    dao.audit(Staff.SYSTEM.id(), "retention", id, null, mode.key());
                }
                return ids;
            });
            if (done.isEmpty()) return total;
            people.announceChanged(done);
            total += done.size();
        }
    }

    /** Runs the retention job every night at 03:00 in the institution's zone on this node (the lock keeps it to one node). */
    public void start() {
        nightly = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("retention").factory());
        scheduleNext();
    }

    private void scheduleNext() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        ZonedDateTime next = now.with(NIGHTLY);
        if (!next.isAfter(now)) next = next.plusDays(1);
        nightly.schedule(() -> {
            try {
                int n = doApplyRetention(clock.instant());
                if (n > 0) log.info("Retention policy: {} contacts anonymised", n);
            } catch (RuntimeException e) {
                log.error("Retention job failed: {}", e.getClass().getName());
            } finally {
                scheduleNext();
            }
        }, Duration.between(now, next).toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (nightly != null) nightly.shutdownNow();
    }
}
