/**
 * What every module shares and which knows no module: configuration ({@code Config}, with each
 * module's settings read from {@code Config.Settings}), the node's name ({@code NodeId}), the database
 * ({@code db}: embedded or external PostgreSQL, Flyway, JDBI, HikariCP), the bus ({@code bus}: typed
 * {@code Notice} records fanned out to every node through LISTEN/NOTIFY, {@code Resync}), metrics, and
 * the web kernel ({@code web}: errors, CSRF, i18n, htmx conventions, rate limits, {@code SocketRegistry}),
 * staff-written Markdown ({@code Markdown}), and mail ({@code mail}: the outbox every module queues into in its
 * own transaction, consent enforced through the people module's ports, this node's sender, templates, the
 * mail viewer).
 *
 * <p>Owns the tables {@code mail_outbox} and {@code mail_rate}. Sends {@code Resync} on this node after its
 * LISTEN connection came back; mail outcomes go to the people module through {@code MailOutcomes}.
 */
package io.guichet.platform;
