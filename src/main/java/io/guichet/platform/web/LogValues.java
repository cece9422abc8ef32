package io.guichet.platform.web;

/** Values written into a log line: control characters escaped, so a value can never start a forged line. */
public final class LogValues {
    public static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isISOControl(c) && c != '\u2028' && c != '\u2029') {
                if (out != null) out.append(c);
                continue;
            }
            if (out == null) out = new StringBuilder(text.length() + 8).append(text, 0, i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }

    private LogValues() {
    }
}
