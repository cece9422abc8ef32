/**
 * One record per person: contacts, every identity through which they reach the institution, what it knows about
 * them, and the timeline every module feeds.
 *
 * <p>Public API: {@link io.guichet.people.PeopleService} (visitor sessions: {@code doStartVisitorSession},
 * {@code doUpdateVisitor}, {@code findVisitor} by token; {@code accessContact}/{@code accessContacts} for the cheap
 * {@link io.guichet.people.Contact} read on every chat message, and {@code findContactForDelivery} with no viewer;
 * {@code doRecord(TimelineEntry)}, the one way other modules write a contact's timeline) and
 * {@link io.guichet.people.ContactDirectory} (the record {@link io.guichet.people.ContactRecord}: {@code doCreate},
 * {@code doUpdate} from a checked {@link io.guichet.people.ContactDraft} — the API, the staff form and one row of a
 * CSV import build the same draft —, {@code accessRecord}; the list {@code accessContacts} by
 * {@link io.guichet.people.ContactFilter} with keyset cursors; {@code doFindOrCreateByIdentity} for channels;
 * custom fields {@link io.guichet.people.ContactField}; segments, {@code accessSegmentMembers} and
 * {@code accessSegmentCount} for the modules that send to an audience). Which contacts a staff member works with is
 * asked through the port {@link io.guichet.people.ContactWork}, which the inbox implements.
 *
 * <p>{@code doRecord(TimelineEntry)} is the one way other modules write a contact's timeline;
 * {@link io.guichet.people.ContactTimeline#accessTimeline} reads it, newest first, for whoever may read the
 * contact ({@code GET /api/v1/contacts/{id}/timeline}, told in the reader's language by {@code web.TimelineSentences}).
 * {@link io.guichet.people.ContactMerges}: possible duplicates ({@code accessDuplicates}, {@code accessAllDuplicates},
 * {@code doDismiss}), {@code doMerge} and {@code doUndo} (30 days); a merged contact stays, pointing at its
 * survivor, and every read by id ({@code accessContact}, {@code findContactForDelivery}) gives the survivor;
 * {@code findMergedContactIds} lists a contact and those merged into it, for modules whose rows name either.
 *
 * {@link io.guichet.people.ContactImport}: CSV imports ({@code doImport} for the API, {@code doUpload}/{@code doRemap}/
 * {@code doStart} for the screen's preview then import, {@code accessImport} for progress and report), each row checked
 * with {@link io.guichet.people.ContactDraft} and matched on email, phone and student number; {@link io.guichet.people.ContactExport}:
 * contacts as CSV ({@code accessExport}). Both for supervisors and administrators.
 *
 * <p>Consent and privacy: {@link io.guichet.people.ConsentLedger} (the append-only ledger, {@code allows}),
 * {@link io.guichet.people.ContactMail} (the mail outbox's ports: consent, signed unsubscribe links, outcomes on the
 * timeline), {@link io.guichet.people.PrivacyService} (export, erasure, retention, audit log) and the port
 * {@link io.guichet.people.PersonalData} that modules holding personal data implement (inbox, live).
 *
 * <p>Identities are unique per kind: the same email, phone, student number or Messenger id arriving through two
 * channels (staff, the API, an import, later email and Messenger) finds the same contact, and giving one that
 * another contact holds is refused ({@link io.guichet.people.DuplicateIdentity}, 409). <b>What a chat visitor
 * types is not an identity.</b> Anyone can type anyone's address: were it joined, the browser that typed it would
 * read the owner's conversations, or the owner's next email would land in the typer's contact. So an email typed
 * in the widget stays a claim ({@code contact_claims}) on the visitor's own contact, shown to staff as unverified
 * ({@code claimedEmails}); a duplicate proposal may name the contact that holds it, and staff decide to merge.
 *
 * <p>Rights ({@link io.guichet.identity.Access}): supervisors and administrators read, list, create and segment
 * every contact; an agent reads, lists and corrects the contacts of the conversations they may read; custom field
 * definitions are for administrators. Merged contacts ({@code merged_into}) and erased ones never appear in lists;
 * reading a merged one answers the one it lives in now; changing either is refused.
 *
 * <p>Owns {@code contacts}, {@code contact_identities}, {@code contact_claims}, {@code contact_fields},
 * {@code contact_timeline}, {@code contact_segments}, {@code contact_merges}, {@code contact_duplicate_dismissals},
 * {@code contact_imports}, {@code contact_consents}, {@code contact_audit} and {@code contact_privacy_rules}. Sends and consumes
 * {@link io.guichet.people.ContactChanged} (every node drops its cached copy of a changed contact). Depends on identity and platform.
 */
package io.guichet.people;
