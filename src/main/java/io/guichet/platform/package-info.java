/**
 * What every module shares and which knows no module: configuration ({@code Config}, with each
 * module's settings read from {@code Config.Settings}), the node's name ({@code NodeId}), the database
 * ({@code db}: embedded or external PostgreSQL, Flyway, JDBI, HikariCP), the bus ({@code bus}: typed
 * {@code Notice} records fanned out to every node through LISTEN/NOTIFY, {@code Resync}), metrics, and
 * the web kernel ({@code web}: errors, CSRF, i18n, htmx conventions, rate limits, {@code SocketRegistry}).
 *
 * <p>Owns no tables. Sends {@code Resync} on this node after its LISTEN connection came back.
 */
package io.guichet.platform;
