package io.guichet.people;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.people.internal.ContactDao;
import io.guichet.people.internal.ContactSearch;
import io.guichet.people.internal.ContactSearch.Cursor;
import io.guichet.people.internal.FieldDao;
import io.guichet.people.internal.SegmentDao;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Messages;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The contact directory: creating and changing contacts ({@link ContactDraft}), reading one or a filtered page of
 * them, the channels' way to find a person by an identity, the admin's custom fields and the saved segments.
 * Rights: {@link Access#canReadEveryContact} (supervisors, administrators) see, list, create and segment every
 * contact; an agent reads, lists and corrects the contacts of the conversations they may read (the {@link ContactWork}
 * port, merged contacts counting for their survivor), and nothing else.
 */
public final class ContactDirectory {
    public static final int PAGE_MAX = 200, PAGE_DEFAULT = 50;
    /** How many rows an agent's page may look through for contacts of theirs before it hands back a cursor. */
    private static final int AGENT_SCAN = 2_000;
    private static final Set<String> IDENTITY_KINDS = Set.of("email", "phone", "student_number", "messenger", "facebook");

    private final Jdbi jdbi;
    private final PeopleService people;
    private final ZoneId zone;

    public ContactDirectory(Jdbi jdbi, PeopleService people, ZoneId zone) {
        this.jdbi = jdbi;
        this.people = people;
        this.zone = zone;
    }

    /** A page of the list and the cursor of the next one (null at the end). */
    public record Page(List<ContactRecord> contacts, String next) {
    }

    /** What a channel found or made for an identity it saw. */
    public record Joined(Contact contact, boolean created) {
    }

    // ---------------------------------------------------------------- one contact

    /** Creates a contact; 409 {@link DuplicateIdentity} when one of its identities is another contact's. */
    public ContactRecord doCreate(Viewer viewer, ContactDraft draft, String source) {
        Access.requireManageContacts(viewer.staff());
        Map<String, ContactField> definitions = findFields();
        long id = jdbi.inTransaction(h -> {
            ContactDao dao = new ContactDao(h);
            long created = dao.insert(draft.name(), draft.lang() == null ? Messages.FR : draft.lang());
            write(h, viewer, created, draft, null, definitions, source);
            people.doRecord(h, new TimelineEntry(created, java.time.Instant.now(), "people", "people.contact_created", Map.of("source", source),
                    null, null, staffId(viewer.staff())));
            return created;
        });
        return jdbi.withHandle(h -> new ContactDao(h).findRecord(id)).orElseThrow();
    }

    /** Changes the fields the draft gives, and only those; a merged or erased contact is refused (409 merged / erased). */
    public ContactRecord doUpdate(Viewer viewer, long contactId, ContactDraft draft) {
        Map<String, ContactField> definitions = findFields();
        jdbi.useTransaction(h -> {
            ContactDao dao = new ContactDao(h);
            ContactDao.Lifecycle life = dao.lifecycle(contactId).orElseThrow(() -> ApiError.notFound("Contact"));
            Access.requireEditContact(viewer, () -> worksWith(viewer, List.of(contactId)));
            if (life.erased()) throw ApiError.conflict("erased", "This contact was erased");
            if (life.mergedInto() != null) {
                throw ApiError.conflict("merged", "This contact was merged into contact " + dao.survivorOf(contactId) + "; change that one");
            }
            write(h, viewer, contactId, draft, dao.findRecord(contactId).orElseThrow(), definitions, "staff");
        });
        people.announceChanged(List.of(contactId));
        return jdbi.withHandle(h -> new ContactDao(h).findRecord(contactId)).orElseThrow();
    }

    /**
     * The contact's record; for a merged contact, the one it was merged into (the caller compares ids). Erased and
     * unknown contacts are 404. An agent may read it when they work with either.
     */
    public ContactRecord accessRecord(Viewer viewer, long contactId) {
        return jdbi.withHandle(h -> {
            ContactDao dao = new ContactDao(h);
            ContactDao.Lifecycle life = dao.lifecycle(contactId).filter(l -> !l.erased()).orElseThrow(() -> ApiError.notFound("Contact"));
            long survivor = life.mergedInto() == null ? contactId : dao.survivorOf(contactId);
            Access.requireContact(viewer, () -> worksWith(viewer, survivor == contactId ? List.of(contactId) : List.of(contactId, survivor)));
            return dao.findRecord(survivor).filter(r -> dao.lifecycle(survivor).map(l -> !l.erased()).orElse(false))
                    .orElseThrow(() -> ApiError.notFound("Contact"));
        });
    }

    /**
     * For channels (email, Messenger, an import): the living contact that holds this identity, else a new contact
     * holding it, so the same address arriving twice finds the same person. Never for what a chat visitor types,
     * which proves nothing ({@link PeopleService#doUpdateVisitor}). {@code kind} is email, phone, student_number or
     * messenger; the value is normalised as {@link ContactDraft} does. No viewer: the channel itself is the actor.
     */
    public Joined doFindOrCreateByIdentity(String kind, String value, String name, String lang, String source) {
        return jdbi.inTransaction(h -> doFindOrCreateByIdentity(h, kind, value, name, lang, source));
    }

    /** As {@link #doFindOrCreateByIdentity(String, String, String, String, String)}, in the caller's transaction. */
    public Joined doFindOrCreateByIdentity(Handle h, String kind, String value, String name, String lang, String source) {
        if (!IDENTITY_KINDS.contains(kind)) throw new IllegalArgumentException("not an identity a channel finds contacts by: " + kind);
        String src = Fields.required("source", source, 40);
        ContactDraft.Typed id = normalised(kind, value);
        ContactDraft named = new ContactDraft().name(name).lang(lang);
        ContactDao dao = new ContactDao(h);
        dao.lockIdentity(kind, id.value());
        var holder = dao.holderOf(kind, id.value());
        if (holder.isPresent()) {
            dao.seen(kind, id.value());
            return new Joined(dao.find(holder.get()).orElseThrow(), false);
        }
        long created = dao.insert(named.name(), named.lang() == null ? Messages.FR : named.lang());
        dao.putIdentity(created, kind, id.value(), id.shown(), true, src);
        people.doRecord(h, TimelineEntry.of(created, "people", "people.contact_created", Map.of("source", src), null, null));
        return new Joined(dao.find(created).orElseThrow(), true);
    }

    /** Tags the contact with a kind it may lack (a sitting's professor is a professor), in the caller's transaction; its other kinds stay. */
    public void doTagKind(Handle h, long contactId, String kind) {
        if (!ContactDraft.KINDS.contains(kind)) throw new IllegalArgumentException("not a contact kind: " + kind);
        new ContactDao(h).addKind(contactId, kind);
    }

    /**
     * The living contact holding this identity, if any, for whoever sees every contact: how an import matches a row
     * on its email or student number to update rather than duplicate. The value is normalised as a draft does.
     */
    public java.util.Optional<ContactRecord> accessByIdentity(Viewer viewer, String kind, String value) {
        Access.requireEveryContact(viewer.staff());
        if (!IDENTITY_KINDS.contains(kind)) throw new IllegalArgumentException("not an identity contacts are found by: " + kind);
        ContactDraft.Typed id = normalised(kind, value);
        return jdbi.withHandle(h -> {
            ContactDao dao = new ContactDao(h);
            return dao.holderOf(kind, id.value()).flatMap(dao::findRecord);
        });
    }

    // ---------------------------------------------------------------- lists and segments

    /**
     * A page of contacts matching the filter, within a segment when one is named; for an agent, only contacts of
     * theirs (the page may then hold fewer than asked, with a cursor to go on).
     */
    public Page accessContacts(Viewer viewer, ContactFilter filter, Long segmentId, String cursor, int limit) {
        Access.requireStaff(viewer.staff());
        if (limit < 1 || limit > PAGE_MAX) throw ApiError.invalid("limit", "limit must be between 1 and " + PAGE_MAX);
        ContactFilter effective = segmentId == null ? filter : filter.within(accessSegment(viewer, segmentId).filter());
        Cursor after = Cursor.decode(cursor, effective.sort());
        Map<String, ContactField> definitions = findFields();
        return jdbi.withHandle(h -> {
            ContactSearch search = new ContactSearch(h, zone);
            if (Access.canReadEveryContact(viewer.staff())) {
                List<ContactRecord> rows = search.page(effective, definitions, after, limit + 1);
                boolean more = rows.size() > limit;
                List<ContactRecord> shown = more ? rows.subList(0, limit) : rows;
                return new Page(List.copyOf(shown), more ? Cursor.after(effective.sort(), shown.getLast()).encode() : null);
            }
            List<ContactRecord> mine = new ArrayList<>();
            Cursor at = after;
            int scanned = 0;
            while (mine.size() < limit && scanned < AGENT_SCAN) {
                List<ContactRecord> rows = search.page(effective, definitions, at, limit);
                if (rows.isEmpty()) return new Page(mine, null);
                scanned += rows.size();
                Set<Long> allowed = Set.copyOf(people.handledBy(viewer, rows.stream().map(ContactRecord::id).toList()));
                for (ContactRecord r : rows) {
                    at = Cursor.after(effective.sort(), r);
                    if (allowed.contains(r.id())) mine.add(r);
                    if (mine.size() == limit) break;
                }
                if (rows.size() < limit && mine.size() < limit) return new Page(mine, null);
            }
            return new Page(mine, at.encode());
        });
    }

    public List<Segment> accessSegments(Viewer viewer) {
        Access.requireStaff(viewer.staff());
        // By name as a French reader sorts them: SQL's lower(name) puts "Élèves" after "Zone".
        return jdbi.withHandle(h -> new SegmentDao(h).all()).stream()
                .sorted(java.util.Comparator.comparing(Segment::name, io.guichet.platform.web.Messages.collator(io.guichet.platform.web.Messages.FR))).toList();
    }

    public Segment accessSegment(Viewer viewer, long segmentId) {
        Access.requireStaff(viewer.staff());
        return jdbi.withHandle(h -> new SegmentDao(h).find(segmentId)).orElseThrow(() -> ApiError.notFound("Segment"));
    }

    /** Saves the filter under a name (unique, case-blind: 409 name_taken). Custom field values are checked now. */
    public Segment doSaveSegment(Viewer viewer, String name, ContactFilter filter) {
        Access.requireManageContacts(viewer.staff());
        String clean = Fields.required("name", name, 120);
        if (filter.isEmpty()) throw ApiError.invalid("filter", "A segment needs at least one filter");
        Map<String, ContactField> definitions = findFields();
        return jdbi.inTransaction(h -> {
            new ContactSearch(h, zone).count(filter, definitions); // refuses an unknown field or a bad value now, not when sending
            long id = new SegmentDao(h).insert(clean, filter, staffId(viewer.staff()))
                    .orElseThrow(() -> new ApiError(409, "name_taken", "A segment is already called " + clean, "name"));
            return new SegmentDao(h).find(id).orElseThrow();
        });
    }

    public void doDeleteSegment(Viewer viewer, long segmentId) {
        Access.requireManageContacts(viewer.staff());
        if (!jdbi.withHandle(h -> new SegmentDao(h).delete(segmentId))) throw ApiError.notFound("Segment");
    }

    /** How many contacts a segment holds now (every contact's view: supervisors and administrators). */
    public long accessSegmentCount(Viewer viewer, long segmentId) {
        Access.requireEveryContact(viewer.staff());
        Segment s = accessSegment(viewer, segmentId);
        Map<String, ContactField> definitions = findFields();
        return jdbi.withHandle(h -> new ContactSearch(h, zone).count(s.filter(), definitions));
    }

    /**
     * Hands each member of the segment to {@code each}, a page at a time (never the whole audience in memory), as the
     * viewer may see them; returns how many. For the modules that send to an audience (alerts, webinars, newsletters).
     */
    public long accessSegmentMembers(Viewer viewer, long segmentId, Consumer<ContactRecord> each) {
        long seen = 0;
        String cursor = null;
        do {
            Page page = accessContacts(viewer, ContactFilter.EVERYONE, segmentId, cursor, PAGE_MAX);
            page.contacts().forEach(each);
            seen += page.contacts().size();
            cursor = page.next();
        } while (cursor != null);
        return seen;
    }

    /**
     * The audience of an emergency alert (issue 18), for whoever may draft one ({@code Access.canDraftAlerts}): every
     * contact the filter holds, within a segment when one is named, a page at a time. Alerts are transactional, so
     * consent is not asked; merged and erased contacts are never among them. Returns how many were handed on.
     */
    public long findAlertAudience(Staff actor, ContactFilter filter, Long segmentId, Consumer<ContactRecord> each) {
        Access.requireAlertDrafter(actor);
        ContactFilter effective = segmentId == null ? filter
                : filter.within(jdbi.withHandle(h -> new SegmentDao(h).find(segmentId)).orElseThrow(() -> ApiError.notFound("Segment")).filter());
        Map<String, ContactField> definitions = findFields();
        long seen = 0;
        Cursor at = null;
        while (true) {
            Cursor after = at;
            List<ContactRecord> rows = jdbi.withHandle(h -> new ContactSearch(h, zone).page(effective, definitions, after, PAGE_MAX));
            rows.forEach(each);
            seen += rows.size();
            if (rows.size() < PAGE_MAX) return seen;
            at = Cursor.after(effective.sort(), rows.getLast());
        }
    }

    /**
     * An uploaded alert list (issue 18), for whoever may draft alerts: the living contact holding each email or phone
     * (a merged contact's survivor), keyed by the value as given; a value no living contact holds, or that is no
     * address, is absent and the caller names its line. {@code kind} is email or phone, normalised as a draft does.
     */
    public Map<String, ContactRecord> findAlertListContacts(Staff actor, String kind, Collection<String> values) {
        Access.requireAlertDrafter(actor);
        if (!Set.of("email", "phone").contains(kind)) throw new IllegalArgumentException("an alert list holds emails or phones, not " + kind);
        return jdbi.withHandle(h -> {
            ContactDao dao = new ContactDao(h);
            Map<String, ContactRecord> found = new LinkedHashMap<>();
            for (String v : values) {
                ContactDraft.Typed id;
                try {
                    id = normalised(kind, v);
                } catch (ApiError malformed) {
                    continue;
                }
                dao.holderOf(kind, id.value()).filter(c -> dao.lifecycle(c).map(l -> !l.erased()).orElse(false))
                        .flatMap(dao::findRecord).ifPresent(r -> found.put(v, r));
            }
            return found;
        });
    }

    /** The living contacts among these (an alert list as it stands at sending): a merged one as its survivor, an erased one never. */
    public List<ContactRecord> findAlertContacts(Staff actor, Collection<Long> ids) {
        Access.requireAlertDrafter(actor);
        return jdbi.withHandle(h -> {
            ContactDao dao = new ContactDao(h);
            Map<Long, ContactRecord> found = new LinkedHashMap<>();
            for (long id : ids) {
                long survivor = dao.survivorOf(id);
                if (found.containsKey(survivor) || !dao.lifecycle(survivor).map(l -> !l.erased()).orElse(false)) continue;
                dao.findRecord(survivor).ifPresent(r -> found.put(survivor, r));
            }
            return List.copyOf(found.values());
        });
    }

    /** The segments an alert may go to (their names, for the composer): whoever may draft alerts. */
    public List<Segment> findAlertSegments(Staff actor) {
        Access.requireAlertDrafter(actor);
        return jdbi.withHandle(h -> new SegmentDao(h).all()).stream()
                .sorted(java.util.Comparator.comparing(Segment::name, io.guichet.platform.web.Messages.collator(io.guichet.platform.web.Messages.FR))).toList();
    }

    // ---------------------------------------------------------------- custom fields

    /**
     * The admin's fields, in their order: every staff member sees them on the contact page, and may ask about them on
     * another module's form (a webinar's registration).
     */
    public List<ContactField> accessFields(Staff staff) {
        Access.requireStaff(staff);
        return jdbi.withHandle(h -> new FieldDao(h).all());
    }

    /** Public: one field's definition, to check an answer against it; 404 when there is none (any more). */
    public ContactField findField(String key) {
        return jdbi.withHandle(h -> new FieldDao(h).find(key)).orElseThrow(() -> ApiError.notFound("Contact field"));
    }

    /** Public: every field's definition by its key, read at once to check a form's answers against those it asks. */
    public Map<String, ContactField> findFields() {
        return jdbi.withHandle(h -> new FieldDao(h).all()).stream().collect(Collectors.toMap(ContactField::key, Function.identity()));
    }

    public ContactField doDefineField(Staff admin, ContactField field) {
        Access.requireDefineContactFields(admin);
        if (!jdbi.withHandle(h -> new FieldDao(h).insert(field))) {
            throw new ApiError(409, "key_taken", "A contact field already has the key " + field.key(), "key");
        }
        return field;
    }

    /**
     * Changes a field's labels, choices and place; its type stays (values already stored were checked against it).
     * A choice still held by some contact cannot be removed.
     */
    public ContactField doChangeField(Staff admin, String key, ContactField changed) {
        Access.requireDefineContactFields(admin);
        return jdbi.inTransaction(h -> {
            FieldDao dao = new FieldDao(h);
            ContactField old = dao.find(key).orElseThrow(() -> ApiError.notFound("Contact field"));
            if (!changed.key().equals(key)) throw ApiError.invalid("key", "A field's key cannot change");
            if (changed.type() != old.type()) throw ApiError.invalid("type", "A field's type cannot change");
            long outside = old.type() == ContactField.Type.CHOICE ? dao.valuesOutside(key, changed.choices()) : 0;
            if (outside > 0) throw ApiError.invalid("choices", "choices: " + outside + " contacts still hold a choice this removes");
            dao.update(changed);
            return changed;
        });
    }

    /** Removes the field and every contact's value of it. */
    public void doDeleteField(Staff admin, String key) {
        Access.requireDefineContactFields(admin);
        jdbi.useTransaction(h -> {
            FieldDao dao = new FieldDao(h);
            dao.find(key).orElseThrow(() -> ApiError.notFound("Contact field"));
            dao.delete(key);
        });
    }

    /**
     * A Canadian postal code a person typed on a public form (a webinar's registration) about themself: kept only when
     * the contact has no postal code and no other country, since such a form proves no one's identity and must not
     * change what staff recorded.
     */
    public void doNotePostalCode(Handle h, long contactId, String postalCode) {
        new ContactDao(h).setPostalCodeIfNone(contactId, ContactDraft.postalCode(postalCode, "CA"));
    }

    /**
     * A custom field's value a person gave on a public form about themself (a webinar's registration question tied to the
     * field), already checked by {@link ContactField#value}: kept only when the contact has none, for the same reason as
     * {@link #doNotePostalCode}.
     */
    public void doNoteField(Handle h, long contactId, String key, Object value) {
        new ContactDao(h).setCustomIfNone(contactId, key, value);
    }

    /** The demo cégep's contacts, fields and segments, through the same methods as the screens. */
    public void doSeedDemo(Staff system) {
        Viewer viewer = new Viewer(Access.requireDefineContactFields(system), Set.of());
        io.guichet.people.internal.DemoContacts.FIELDS.forEach(f -> doDefineField(system, f));
        io.guichet.people.internal.DemoContacts.contacts().forEach(d -> doCreate(viewer, d, "demo"));
        io.guichet.people.internal.DemoContacts.SEGMENTS.forEach(s -> doSaveSegment(viewer, s.name(), ContactFilter.parse(s.filter())));
    }

    // ---------------------------------------------------------------- writing a draft

    private void write(Handle h, Viewer viewer, long id, ContactDraft d, ContactRecord before, Map<String, ContactField> definitions, String source) {
        ContactDao dao = new ContactDao(h);
        Map<String, Object> columns = new LinkedHashMap<>();
        if (before != null && d.has("name")) columns.put("name", d.name());
        if (before != null && d.lang() != null) columns.put("lang", d.lang());
        if (d.has("kinds")) columns.put("kinds", d.kinds());
        if (d.has("programme")) columns.put("programme", d.programme());
        if (d.has("graduationYear")) columns.put("graduation_year", d.graduationYear());
        if (d.has("organisation")) columns.put("organisation", d.organisation());
        if (d.has("city")) columns.put("city", d.city());
        if (d.has("country")) columns.put("country", d.country());
        if (d.has("postalCode") || (d.has("country") && before != null && before.postalCode() != null)) {
            String country = d.has("country") ? d.country() : before == null ? null : before.country();
            columns.put("postal_code", ContactDraft.postalCode(d.has("postalCode") ? d.postalCode() : before.postalCode(), country));
        }
        if (d.has("tags")) columns.put("tags", d.tags());
        if (d.has("fields")) columns.put("custom", customValues(d.fields(), before == null ? Map.of() : before.fields(), definitions));
        dao.set(id, columns);
        boolean reveal = Access.canReadEveryContact(viewer.staff());
        if (d.has("emails")) identities(dao, id, "email", "emails", d.emails(), source, reveal);
        if (d.has("phones")) identities(dao, id, "phone", "phones", d.phones(), source, reveal);
        if (d.has("studentNumber")) {
            String sn = d.studentNumber();
            identities(dao, id, "student_number", "studentNumber", sn == null ? List.of() : List.of(new ContactDraft.Typed(sn, sn)), source, reveal);
        }
    }

    /** Makes the contact's identities of one kind exactly these, the first primary. */
    private static void identities(ContactDao dao, long id, String kind, String field, List<ContactDraft.Typed> wanted, String source, boolean revealHolder) {
        Set<String> keep = wanted.stream().map(ContactDraft.Typed::value).collect(Collectors.toSet());
        List<String> gone = dao.identities(id, kind).stream().filter(v -> !keep.contains(v)).toList();
        if (!gone.isEmpty()) dao.removeIdentities(id, kind, gone);
        for (int i = 0; i < wanted.size(); i++) {
            ContactDraft.Typed t = wanted.get(i);
            if (!dao.putIdentity(id, kind, t.value(), t.shown(), i == 0, source)) {
                throw new DuplicateIdentity(field, t.shown(), revealHolder ? dao.holderOf(kind, t.value()).orElse(null) : null);
            }
        }
    }

    private static Map<String, Object> customValues(Map<String, Object> given, Map<String, Object> before, Map<String, ContactField> definitions) {
        Map<String, Object> values = new LinkedHashMap<>(before);
        given.forEach((key, raw) -> {
            ContactField def = definitions.get(key);
            if (def == null) throw ApiError.invalid("fields." + key, "fields." + key + ": there is no contact field " + key);
            Object v = def.value(raw);
            if (v == null) values.remove(key);
            else values.put(key, v);
        });
        return values;
    }

    private static ContactDraft.Typed normalised(String kind, String value) {
        return switch (kind) {
            case "email" -> {
                String shown = ContactDraft.email("email", Fields.required("email", value, 254));
                yield new ContactDraft.Typed(shown.toLowerCase(java.util.Locale.ROOT), shown);
            }
            case "phone" -> {
                String shown = Fields.required("phone", value, 40);
                yield new ContactDraft.Typed(ContactDraft.phone("phone", shown), shown);
            }
            case "student_number" -> {
                String sn = new ContactDraft().studentNumber(Fields.required("studentNumber", value, 40)).studentNumber();
                yield new ContactDraft.Typed(sn, sn);
            }
            default -> {
                String v = Fields.required(kind, value, 200);
                yield new ContactDraft.Typed(v, v);
            }
        };
    }

    /** Whether the agent works with one of these contacts, or with a contact merged into one (through the ContactWork port). */
    private boolean worksWith(Viewer viewer, Collection<Long> ids) {
        return !people.handledBy(viewer, ids).isEmpty();
    }

    private static Long staffId(Staff s) {
        return s == null || s.id() <= 0 ? null : s.id();
    }
}
