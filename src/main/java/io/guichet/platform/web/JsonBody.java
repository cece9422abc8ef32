package io.guichet.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON request body read defensively: over {@link #MAX_BYTES} is 413, unparseable (or followed by anything
 * but whitespace) is 400, a field of the wrong type or missing, or text with a control character other than a
 * line break or tab, is 422 naming the field.
 */
public final class JsonBody {
    public static final int MAX_BYTES = 64 * 1024;

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    public static JsonBody of(Context ctx, ObjectMapper mapper) {
        return of(ctx, mapper, MAX_BYTES);
    }

    /** For the few endpoints that take larger documents (help-centre articles). */
    public static JsonBody of(Context ctx, ObjectMapper mapper, int maxBytes) {
        String tooLarge = "Request body is over " + maxBytes / 1024 + " KiB";
        byte[] bytes = RequestBodies.read(ctx, maxBytes, WebKernel.MAX_REQUEST_BYTES, () -> ApiError.tooLarge(tooLarge));
        if (bytes.length == 0) throw ApiError.malformed("A JSON object is required");
        try {
            JsonNode node = mapper.readTree(bytes);
            if (node == null || !node.isObject()) throw ApiError.malformed("A JSON object is required");
            return new JsonBody(node);
        } catch (IOException e) {
            throw ApiError.malformed("Malformed JSON");
        }
    }

    public String text(String field) {
        String value = optText(field);
        if (value == null) throw ApiError.invalid(field, field + " is required");
        return value;
    }

    public String optText(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) return null;
        if (!node.isTextual()) throw ApiError.invalid(field, field + " must be a string");
        return Fields.refuseControlCharacters(field, node.asText(), true);
    }

    public Integer optInt(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) return null;
        if (!node.isIntegralNumber() || !node.canConvertToInt()) throw ApiError.invalid(field, field + " must be a whole number");
        return node.asInt();
    }

    public boolean bool(String field, boolean fallback) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) return fallback;
        if (!node.isBoolean()) throw ApiError.invalid(field, field + " must be true or false");
        return node.asBoolean();
    }

    /** The field as parsed JSON (null when absent), for a structured field the endpoint reads itself (a list of objects). */
    public JsonNode node(String field) {
        return root.get(field);
    }

    /** Whether the body names the field (even as null): what a partial update (PATCH) changes. */
    public boolean has(String field) {
        return root.has(field);
    }

    /** The body's field names, so an endpoint can refuse one it does not know rather than ignore a typo. */
    public java.util.Set<String> fieldNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        root.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Refuses a field the endpoint does not take, naming it. */
    public JsonBody only(java.util.Collection<String> allowed) {
        for (String name : fieldNames()) {
            if (!allowed.contains(name)) throw ApiError.invalid(name, "Unknown field " + LogValues.escape(name));
        }
        return this;
    }

    /**
     * An object of plain values by name: text (checked for control characters), numbers as {@link java.math.BigDecimal},
     * null, or a list of such text and numbers (at most 50); an object, true/false or a nested list is refused naming
     * {@code field.name}.
     */
    public java.util.Map<String, Object> optValues(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) return java.util.Map.of();
        if (!node.isObject()) throw ApiError.invalid(field, field + " must be an object");
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            String name = field + "." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isNull()) values.put(e.getKey(), null);
            else if (v.isTextual()) values.put(e.getKey(), Fields.refuseControlCharacters(name, v.asText(), false));
            else if (v.isNumber()) values.put(e.getKey(), v.decimalValue());
            else if (v.isArray() && v.size() <= 50) {
                List<Object> items = new ArrayList<>();
                for (JsonNode item : v) {
                    if (item.isTextual()) items.add(Fields.refuseControlCharacters(name, item.asText(), false));
                    else if (item.isNumber()) items.add(item.decimalValue());
                    else throw ApiError.invalid(name, name + " must hold text or numbers");
                }
                values.put(e.getKey(), List.copyOf(items));
            }
            else throw ApiError.invalid(name, name + " must be text, a number or a list of them");
        });
        return values;
    }

    public List<String> textList(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray()) throw ApiError.invalid(field, field + " must be a list of strings");
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) throw ApiError.invalid(field, field + " must be a list of strings");
            values.add(Fields.refuseControlCharacters(field, item.asText(), true));
        }
        return values;
    }
}
