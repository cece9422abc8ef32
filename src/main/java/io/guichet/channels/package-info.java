/**
 * Adapters that bring messages in and out of the inbox. Today: the web chat widget (its loader script
 * and the panel page, {@code web.WidgetRoutes}); email, Messenger and SMS come next.
 *
 * <p>No public service yet: the widget talks to the inbox's public API. Owns no tables; sends and
 * consumes no notices.
 */
package io.guichet.channels;
