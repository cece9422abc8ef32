/**
 * Contacts, and the browser identities (visitor tokens) through which they reach the institution.
 *
 * <p>Public API: {@link io.guichet.people.PeopleService} ({@code doStartVisitorSession},
 * {@code doUpdateVisitor}; {@code accessContact}/{@code accessContacts}, which check that the viewer
 * works with the contact; {@code findVisitor} by token and {@code findContactForDelivery}, which have no
 * viewer) and the record {@link io.guichet.people.Contact}. Which contacts a staff member works with is
 * asked through the port {@link io.guichet.people.ContactWork}, which the inbox implements.
 *
 * {@code doRecord(TimelineEntry)} is the one way other modules write a contact's timeline;
 * {@link io.guichet.people.ContactTimeline#accessTimeline} reads it, newest first, for whoever may read the
 * contact ({@code GET /api/v1/contacts/{id}/timeline}, told in the reader's language by {@code web.TimelineSentences}).
 * {@link io.guichet.people.ContactMerges}: possible duplicates ({@code accessDuplicates}, {@code accessAllDuplicates},
 * {@code doDismiss}), {@code doMerge} and {@code doUndo} (30 days); a merged contact stays, pointing at its
 * survivor, and every read by id ({@code accessContact}, {@code findContactForDelivery}) gives the survivor;
 * {@code findMergedContactIds} lists a contact and those merged into it, for modules whose rows name either.
 *
 * {@link io.guichet.people.ContactImport}: CSV imports ({@code doImport} for the API, {@code doUpload}/{@code doRemap}/
 * {@code doStart} for the screen's preview then import, {@code accessImport} for progress and report), each row checked
 * with {@link io.guichet.people.ContactDraft} and matched on email and student number; {@link io.guichet.people.ContactExport}:
 * contacts as CSV ({@code accessExport}). Both for supervisors and administrators.
 *
 * <p>Consent and privacy: {@link io.guichet.people.ConsentLedger} (the append-only ledger, {@code allows}),
 * {@link io.guichet.people.ContactMail} (the mail outbox's ports: consent, signed unsubscribe links, outcomes on the
 * timeline), {@link io.guichet.people.PrivacyService} (export, erasure, retention, audit log) and the port
 * {@link io.guichet.people.PersonalData} that modules holding personal data implement (inbox, live).
 *
 * <p>Owns {@code contacts}, {@code contact_identities} (emails, phones, student numbers, visitor tokens,
 * channel ids), {@code contact_fields}, {@code contact_timeline}, {@code contact_segments},
 * {@code contact_merges}, {@code contact_duplicate_dismissals}, {@code contact_imports}, {@code contact_consents}, {@code contact_audit} and {@code contact_privacy_rules}. Sends and consumes no notices. Depends on
 * identity and platform.
 */
package io.guichet.people;
