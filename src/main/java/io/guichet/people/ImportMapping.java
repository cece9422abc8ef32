package io.guichet.people;

import io.guichet.platform.web.ApiError;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which contact field each column of an imported file fills: guessed from the header's words in French
 * or English ("Courriel", "Prénom", "Code postal", "E-mail"…) and the custom fields' keys and labels,
 * then overridden by the caller. {@code targets} is one target per column, in the header's order: a
 * field name ({@link #FIELDS}), {@code custom.<key>}, or {@code ignore}.
 */
public record ImportMapping(List<String> header, List<String> targets) {
    public static final String IGNORE = "ignore";
    public static final String CUSTOM = "custom.";
    /** The fields a column may fill; several columns may fill those that hold a list. */
    public static final List<String> FIELDS = List.of("name", "first_name", "last_name", "email", "phone", "student_number", "lang",
            "kinds", "programme", "graduation_year", "organisation", "city", "postal_code", "country", "tags");
    private static final List<String> LISTS = List.of("email", "phone", "kinds", "tags");

    /** Header words (accents and punctuation folded away) that name each field. */
    private static final Map<String, String> WORDS = words();

    private static Map<String, String> words() {
        Map<String, String> w = new LinkedHashMap<>();
        put(w, "name", "nom complet", "name", "full name", "fullname", "nom et prenom", "prenom et nom", "contact", "display name");
        put(w, "first_name", "prenom", "first name", "firstname", "given name", "prenom usuel");
        put(w, "last_name", "nom", "nom de famille", "last name", "lastname", "surname", "family name");
        put(w, "email", "courriel", "email", "e mail", "mail", "adresse courriel", "adresse electronique", "email address", "courriel personnel",
                "courriel 2", "email 2", "autre courriel", "courriel du parent", "parent email");
        put(w, "phone", "telephone", "tel", "phone", "phone number", "cellulaire", "cell", "mobile", "numero de telephone", "telephone 2");
        put(w, "student_number", "numero etudiant", "numero d etudiant", "no etudiant", "matricule", "student number", "student id", "da",
                "numero de da", "code permanent etudiant");
        put(w, "lang", "langue", "language", "lang", "langue de correspondance", "preferred language");
        put(w, "kinds", "type", "types", "kind", "kinds", "categorie", "categories", "profil", "statut");
        put(w, "programme", "programme", "program", "programme d interet", "programme d etudes", "programme of interest");
        put(w, "graduation_year", "annee de diplomation", "annee diplomation", "graduation year", "promotion", "cohorte", "annee de fin");
        put(w, "organisation", "organisation", "organization", "entreprise", "company", "employeur actuel", "ecole", "school", "etablissement");
        put(w, "city", "ville", "city", "municipalite", "localite");
        put(w, "postal_code", "code postal", "postal code", "zip", "zip code", "postcode");
        put(w, "country", "pays", "country");
        put(w, "tags", "etiquettes", "etiquette", "tags", "tag", "mots cles", "labels");
        return Map.copyOf(w);
    }

    private static void put(Map<String, String> w, String field, String... names) {
        for (String n : names) w.put(fold(n), field);
    }

    /** The guess for a header: each column's field by its words, custom fields by key or label, the rest ignored. */
    public static ImportMapping guess(List<String> header, List<ContactField> custom) {
        List<String> targets = new ArrayList<>();
        for (String column : header) {
            String folded = fold(column);
            String target = WORDS.get(folded);
            for (ContactField f : custom) {
                if (target == null && (folded.equals(fold(f.key())) || folded.equals(fold(f.labelFr())) || folded.equals(fold(f.labelEn())))) {
                    target = CUSTOM + f.key();
                }
            }
            // A field that takes one column keeps the first that names it; a second "Nom" is ignored, not merged.
            if (target != null && !LISTS.contains(target) && targets.contains(target)) target = null;
            targets.add(target == null ? IGNORE : target);
        }
        return new ImportMapping(header, List.copyOf(targets));
    }

    /**
     * The guess with the caller's choices on top, {@code column header → target}; a choice naming a column
     * the file lacks, a target that does not exist, or one field taken twice is refused naming the mapping.
     */
    public ImportMapping with(Map<String, String> overrides, List<ContactField> custom) {
        List<String> targets = new ArrayList<>(this.targets);
        overrides.forEach((column, target) -> {
            int at = header.indexOf(column);
            if (at < 0) throw ApiError.invalid("mapping", "The file has no column named \"" + column + "\"");
            String t = target == null || target.isBlank() ? IGNORE : target.strip();
            boolean known = t.equals(IGNORE) || FIELDS.contains(t)
                    || (t.startsWith(CUSTOM) && custom.stream().anyMatch(f -> t.equals(CUSTOM + f.key())));
            if (!known) throw ApiError.invalid("mapping", "\"" + t + "\" is not a contact field (column \"" + column + "\")");
            targets.set(at, t);
        });
        for (int i = 0; i < targets.size(); i++) {
            String t = targets.get(i);
            if (!t.equals(IGNORE) && !LISTS.contains(t) && targets.indexOf(t) != i) {
                throw ApiError.invalid("mapping", "Two columns fill " + t + ": \"" + header.get(targets.indexOf(t)) + "\" and \"" + header.get(i) + "\"");
            }
        }
        return new ImportMapping(header, List.copyOf(targets));
    }

    /** A file that fills neither a name nor any identity cannot make a contact of any row: refused before anything is read. */
    public void requireNameOrIdentity() {
        boolean any = targets.stream().anyMatch(t -> t.equals("name") || t.equals("first_name") || t.equals("last_name")
                || t.equals("email") || t.equals("phone") || t.equals("student_number"));
        if (!any) {
            throw new ApiError(422, "csv_header", "No column gives a name, an email, a phone or a student number (columns: "
                    + String.join(", ", header) + "); name them in the first line or choose them in the mapping", "mapping");
        }
    }

    /** The header of the first column filling this target, to name it in a row's reason. */
    public String columnOf(String target) {
        int at = targets.indexOf(target);
        return at < 0 ? null : header.get(at);
    }

    /** The columns filling this target, in order. */
    public List<Integer> columns(String target) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) if (targets.get(i).equals(target)) at.add(i);
        return at;
    }

    /** Lower case, accents, apostrophes and punctuation folded to single spaces: "Numéro d'étudiant" → "numero d etudiant". */
    static String fold(String s) {
        if (s == null) return "";
        String n = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return n.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }
}
