package io.guichet.inbox.web;

import io.guichet.inbox.ConversationQuery;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Ids;
import io.guichet.services.ServiceCatalogue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/**
 * The search's parameters as the API and the console's search screen both read them (q, contact, service, status,
 * channel, from, to, label, assignee): one reading, so the address the console shows is one the API understands.
 */
final class SearchParams {
    static final int MAX_TEXT = 200;
    static final List<String> STATUSES = List.of("waiting", "open", "snoozed", "resolved");
    static final List<String> CHANNELS = List.of(ConversationQuery.WIDGET, "live", "messenger", "email");

    static ConversationQuery parse(Function<String, String> param, ServiceCatalogue services, ZoneId zone, long viewerId) {
        String text = Fields.optional("q", param.apply("q"), MAX_TEXT);
        String contact = blankToNull(param.apply("contact"));
        String service = blankToNull(param.apply("service"));
        String status = oneOf("status", param.apply("status"), STATUSES);
        String channel = oneOf("channel", param.apply("channel"), CHANNELS);
        LocalDate from = date("from", param.apply("from"));
        LocalDate to = date("to", param.apply("to"));
        if (from != null && to != null && to.isBefore(from)) throw ApiError.invalid("to", "to must not be before from");
        String label = blankToNull(param.apply("label"));
        String assignee = blankToNull(param.apply("assignee"));
        return new ConversationQuery(text,
                contact == null ? null : Ids.field("contact", contact),
                service == null ? null : services.findBySlug(Fields.required("service", service, 63)).id(),
                status, channel,
                from == null ? null : from.atStartOfDay(zone).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(), // "to" is the whole day
                label == null ? null : Ids.field("label", label),
                assignee == null ? null : "me".equals(assignee) ? viewerId : Ids.field("assignee", assignee));
    }

    private static String oneOf(String field, String value, List<String> allowed) {
        String v = blankToNull(value);
        if (v != null && !allowed.contains(v)) throw ApiError.invalid(field, field + " must be one of " + String.join(", ", allowed));
        return v;
    }

    static LocalDate date(String field, String value) {
        String v = blankToNull(value);
        if (v == null) return null;
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " must be a date (YYYY-MM-DD)");
        }
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    static int limit(String value) {
        String v = blankToNull(value);
        if (v == null) return io.guichet.inbox.ConversationSearch.PAGE_DEFAULT;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiError.invalid("limit", "limit must be a whole number");
        }
    }

    private SearchParams() {
    }
}
