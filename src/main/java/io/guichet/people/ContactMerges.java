package io.guichet.people;

import io.guichet.identity.Access;
import io.guichet.identity.Viewer;
import io.guichet.people.internal.MergeDao;
import io.guichet.people.internal.TimelineDao;
import io.guichet.platform.web.ApiError;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Possible duplicates, merging two contacts into one, and undoing a merge for 30 days.
 *
 * <p>A merge moves every identity and every timeline entry of the other contact onto the survivor, fills the
 * survivor's empty fields from the other (kinds and tags united), and leaves the other in place pointing at
 * the survivor ({@code merged_into}), so that conversations and questions that name it still resolve (to the
 * survivor). It is told on both timelines. Consent is not moved: each contact keeps its own ledger, and the
 * survivor's consent is derived from its ledger and those of the contacts merged into it, read together in date
 * order as one person's ({@code ConsentDao.entries}): a grant given under the merged contact counts for the
 * survivor, and a later withdrawal under either wins. The two were one person all along, who said yes under one
 * address; the withdrawal that comes after is honoured whichever address it came from. An undo has nothing to
 * take back: the ledgers were never moved.
 *
 * <p>Possible duplicates (a simple rule, documented in {@code V022__people_duplicates.sql}): the same name and
 * the same city once case, accents, hyphens and spaces are ignored; or an email with the same mailbox whatever
 * the domain, dots and "+tag" ignored (short mailboxes and role addresses such as info@ excepted). The same
 * phone in different formats is already one identity (phones are stored in E.164).
 */
public final class ContactMerges {
    public static final Duration UNDO_WINDOW = Duration.ofDays(30);
    private static final int PROPOSALS = 100;

    private final Jdbi jdbi;
    private final PeopleService people;
    private final Clock clock;

    public ContactMerges(Jdbi jdbi, PeopleService people, Clock clock) {
        this.jdbi = jdbi;
        this.people = people;
        this.clock = clock;
    }

    /** A merge as staff see it; {@code undoableUntil} is when undoing it stops being possible. */
    public record Merge(long id, long survivorId, long mergedId, String mergedName, int identities, int entries, Long staffId,
                        Instant mergedAt, Instant undoableUntil, Instant undoneAt) {
        public boolean undoable(Instant now) {
            return undoneAt == null && now.isBefore(undoableUntil);
        }
    }

    /** One side of a possible duplicate pair, for a side-by-side comparison. */
    public record Candidate(ContactSummary contact, List<String> reasons) {
    }

    /** A possible duplicate pair: the newer contact first (it is usually the one to merge away). */
    public record Proposal(ContactSummary newer, ContactSummary older, List<String> reasons) {
    }

    /** Merges {@code otherId} into {@code survivorId}; the survivor is returned as the viewer reads it. */
    public Merge doMerge(Viewer actor, long survivorId, long otherId) {
        Access.requireMergeContacts(actor.staff());
        if (survivorId == otherId) throw new ApiError(422, "self_merge", "A contact cannot be merged with itself", "otherId");
        Instant now = clock.instant();
        long mergeId = jdbi.inTransaction(h -> {
            MergeDao dao = new MergeDao(h);
            Map<Long, MergeDao.State> locked = dao.lock(survivorId, otherId);
            MergeDao.State survivor = locked.get(survivorId);
            MergeDao.State other = locked.get(otherId);
            if (survivor == null) throw ApiError.notFound("Contact");
            if (other == null) throw ApiError.notFound("Contact");
            if (survivor.erased() || other.erased()) throw new ApiError(422, "erased", "An erased contact cannot be merged", "otherId");
            if (survivor.mergedInto() != null || other.mergedInto() != null) {
                throw new ApiError(422, "already_merged", "This contact was already merged into another: merge with that one instead", "otherId");
            }
            String before = dao.fieldsOf(survivorId);
            List<Long> primary = dao.primaryIdentities(otherId);
            List<Long> identities = dao.moveIdentities(otherId, survivorId);
            List<Long> entries = dao.moveEntries(otherId, survivorId);
            List<Long> repointed = dao.repoint(otherId, survivorId);
            dao.fill(survivorId, otherId);
            long id = dao.insertMerge(survivorId, otherId, identities, primary, entries, repointed, before, actor.id(), now);
            // Told on the other before it points at the survivor, so that this entry stays on it.
            TimelineDao timeline = new TimelineDao(h);
            timeline.insert(entry(otherId, now, "people.merged_into", survivorId, dao.displayName(survivorId), id, actor.id()));
            dao.markMerged(otherId, survivorId);
            timeline.insert(entry(survivorId, now, "people.merged", otherId, dao.displayName(otherId), id, actor.id()));
            return id;
        });
        people.announceChanged(List.of(survivorId, otherId));
        return merge(mergeId);
    }

    /**
     * Puts back what the merge moved, unless something since makes it impossible: the survivor was itself
     * merged into another since (undo that one first), or either contact was erased. After 30 days, 410.
     */
    public Merge doUndo(Viewer actor, long survivorId, long mergeId) {
        Access.requireMergeContacts(actor.staff());
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            MergeDao dao = new MergeDao(h);
            MergeDao.Row m = dao.find(mergeId).filter(x -> x.survivorId() == survivorId).orElseThrow(() -> ApiError.notFound("Merge"));
            Map<Long, MergeDao.State> locked = dao.lock(m.survivorId(), m.mergedId());
            m = dao.lockMerge(mergeId).orElseThrow();
            if (m.undoneAt() != null) throw ApiError.conflict("already_undone", "This merge was already undone");
            if (!now.isBefore(m.mergedAt().plus(UNDO_WINDOW))) {
                throw new ApiError(410, "undo_expired", "This merge was made more than 30 days ago: it can no longer be undone", null);
            }
            MergeDao.State survivor = locked.get(m.survivorId());
            MergeDao.State merged = locked.get(m.mergedId());
            if (survivor.erased() || merged.erased()) {
                throw ApiError.conflict("erased", "One of these contacts was erased since: the merge can no longer be undone");
            }
            if (survivor.mergedInto() != null) {
                throw ApiError.conflict("merged_since", "This contact was merged into another since: undo that merge first");
            }
            dao.moveBack(m);
            dao.unfill(m.id());
            dao.markUndone(m.id(), m.mergedId(), actor.id(), now);
            TimelineDao timeline = new TimelineDao(h);
            timeline.insert(entry(m.survivorId(), now, "people.merge_undone", m.mergedId(), dao.displayName(m.mergedId()), m.id(), actor.id()));
            timeline.insert(entry(m.mergedId(), now, "people.merge_undone", m.survivorId(), dao.displayName(m.survivorId()), m.id(), actor.id()));
        });
        Merge undone = merge(mergeId);
        people.announceChanged(List.of(undone.survivorId(), undone.mergedId()));
        return undone;
    }

    /** The merges into this contact, newest first, for whoever may merge (the contact page's undo button). */
    public List<Merge> accessMerges(Viewer viewer, long contactId) {
        Access.requireMergeContacts(viewer.staff());
        Contact c = people.accessContact(viewer, contactId);
        return jdbi.withHandle(h -> new MergeDao(h).intoContact(c.id(), 20)).stream().map(ContactMerges::merge).toList();
    }

    /** The contacts that look like this one, with why; for whoever may merge. */
    public List<Candidate> accessDuplicates(Viewer viewer, long contactId) {
        Access.requireMergeContacts(viewer.staff());
        Contact c = people.accessContact(viewer, contactId);
        return jdbi.withHandle(h -> {
            MergeDao dao = new MergeDao(h);
            List<MergeDao.Pair> pairs = dao.duplicatesOf(c.id(), 20);
            Map<Long, ContactSummary> byId = summaries(dao, pairs);
            return pairs.stream().map(p -> new Candidate(byId.get(p.low() == c.id() ? p.high() : p.low()), p.reasons())).toList();
        });
    }

    /** Every possible duplicate pair not dismissed, newest first (the supervisors' list). */
    public List<Proposal> accessAllDuplicates(Viewer viewer) {
        Access.requireMergeContacts(viewer.staff());
        return jdbi.withHandle(h -> {
            MergeDao dao = new MergeDao(h);
            List<MergeDao.Pair> pairs = dao.allDuplicates(PROPOSALS);
            Map<Long, ContactSummary> byId = summaries(dao, pairs);
            return pairs.stream().map(p -> new Proposal(byId.get(p.high()), byId.get(p.low()), p.reasons())).toList();
        });
    }

    /** One contact's side of a comparison (the survivor, when the id was merged), for whoever may merge. */
    public ContactSummary accessSummary(Viewer viewer, long contactId) {
        Access.requireMergeContacts(viewer.staff());
        Contact c = people.accessContact(viewer, contactId);
        return jdbi.withHandle(h -> new MergeDao(h).summaries(List.of(c.id()))).getFirst();
    }

    /** "Not a duplicate": the pair is not proposed again. */
    public void doDismiss(Viewer actor, long contactId, long otherId) {
        Access.requireMergeContacts(actor.staff());
        if (contactId == otherId) throw new ApiError(422, "self_merge", "A contact is not a duplicate of itself", "otherId");
        Contact a = people.accessContact(actor, contactId);
        Contact b = people.accessContact(actor, otherId);
        jdbi.useHandle(h -> new MergeDao(h).dismiss(a.id(), b.id(), actor.id()));
    }

    private Merge merge(long mergeId) {
        return jdbi.withHandle(h -> new MergeDao(h).find(mergeId)).map(ContactMerges::merge).orElseThrow();
    }

    private static Merge merge(MergeDao.Row r) {
        return new Merge(r.id(), r.survivorId(), r.mergedId(), r.mergedName(), r.identities().size(), r.entries().size(), r.staffId(),
                r.mergedAt(), r.mergedAt().plus(UNDO_WINDOW), r.undoneAt());
    }

    private static Map<Long, ContactSummary> summaries(MergeDao dao, List<MergeDao.Pair> pairs) {
        Set<Long> ids = new LinkedHashSet<>();
        pairs.forEach(p -> {
            ids.add(p.low());
            ids.add(p.high());
        });
        Map<Long, ContactSummary> byId = new java.util.HashMap<>();
        dao.summaries(ids).forEach(s -> byId.put(s.id(), s));
        return byId;
    }

    /** The entry that tells a merge on one side, naming the other contact (the thing it links to). */
    private static TimelineEntry entry(long contactId, Instant at, String what, long otherId, String otherName, long mergeId, long staffId) {
        return new TimelineEntry(contactId, at, "people", what, Map.of("name", otherName == null ? "" : otherName, "merge", Long.toString(mergeId)),
                "contact", Long.toString(otherId), staffId);
    }
}
