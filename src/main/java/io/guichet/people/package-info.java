/**
 * Contacts, and the browser identities (visitor tokens) through which they reach the institution.
 *
 * <p>Public API: {@link io.guichet.people.PeopleService} ({@code doStartVisitorSession},
 * {@code doUpdateVisitor}; {@code accessContact}/{@code accessContacts}, which check that the viewer
 * works with the contact; {@code findVisitor} by token and {@code findContactForDelivery}, which have no
 * viewer) and the record {@link io.guichet.people.Contact}. Which contacts a staff member works with is
 * asked through the port {@link io.guichet.people.ContactWork}, which the inbox implements.
 *
 * <p>Owns {@code contacts} and {@code visitor_sessions}. Sends and consumes no notices. Depends on
 * identity and platform.
 */
package io.guichet.people;
