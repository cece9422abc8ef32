package io.guichet.alerts;

/**
 * A message prepared in calm times, in French and English, with placeholders filled at send time ({@code {bâtiment}},
 * {@code {heure}}, {@code {consignes}} in French; {@code {building}}, {@code {time}}, {@code {instructions}} in English).
 * {@code singlePerson}: an administrator allowed one person to send it alone in a true emergency (logged).
 */
public record AlertTemplate(long id, String key, String nameFr, String nameEn, String category, String severity, Texts texts,
                            boolean singlePerson) {
    public String name(String lang) {
        return "en".equals(lang) ? nameEn : nameFr;
    }
}
