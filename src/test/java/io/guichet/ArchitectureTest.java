package io.guichet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape every module copies: which module may use which (one explicit map, no cycles), modules
 * talk through each other's public face only, and each migration touches only its module's tables.
 */
class ArchitectureTest {
    /** Who may depend on whom; platform depends on no module. A new dependency is a line here, reviewed. */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("platform", Set.of()),
            Map.entry("identity", Set.of("platform")),
            Map.entry("services", Set.of("platform", "identity")),
            Map.entry("people", Set.of("platform", "identity")),
            Map.entry("inbox", Set.of("platform", "identity", "services", "people")),
            Map.entry("live", Set.of("platform", "identity", "services", "people", "inbox", "kb")),
            Map.entry("kb", Set.of("platform", "identity", "services", "inbox", "people")),
            Map.entry("channels", Set.of("platform", "identity", "services", "people", "inbox")),
            Map.entry("webinars", Set.of("platform", "identity", "services", "people", "live")),
            Map.entry("journeys", Set.of("platform", "identity", "services", "people", "inbox")),
            Map.entry("staffing", Set.of("platform", "identity", "services", "inbox")),
            Map.entry("desk", Set.of("platform", "identity", "services", "people", "inbox", "staffing")),
            Map.entry("alerts", Set.of("platform", "identity", "services", "people", "inbox", "channels")),
            Map.entry("insights", Set.of("platform", "identity", "services", "inbox", "staffing", "desk")),
            Map.entry("community", Set.of("platform", "identity", "people", "kb")));
    /** Tables by owning module: a migration V<NNN>__<module>_<what>.sql creates, alters or drops only these. */
    static final Map<String, Set<String>> TABLES = Map.ofEntries(
            Map.entry("platform", Set.of("mail_outbox", "mail_rate", "mail_attachments")),
            Map.entry("identity", Set.of("staff", "staff_sessions", "identity_secrets", "api_tokens", "staff_external_ids", "sso_pending_logins",
                    "staff_recovery_codes", "staff_password_resets")),
            Map.entry("people", Set.of("contacts", "visitor_sessions", "contact_identities", "contact_fields", "contact_timeline", "contact_segments", "contact_merges",
                    "contact_duplicate_dismissals", "contact_imports", "contact_claims", "contact_email_codes",
                    "contact_consents", "contact_audit", "contact_privacy_rules")),
            Map.entry("services", Set.of("services", "service_hours", "service_closures")),
            Map.entry("inbox", Set.of("service_members", "agent_presence", "conversations", "messages", "inbox_labels", "conversation_labels",
                    "inbox_attachments", "inbox_mentions", "conversation_ratings", "conversation_rating_asks")),
            Map.entry("live", Set.of("live_sessions", "live_session_services", "live_questions", "live_votes")),
            Map.entry("kb", Set.of("kb_articles", "kb_revisions", "kb_synonyms", "kb_saved_replies", "kb_gaps", "kb_widget_events", "kb_votes")),
            Map.entry("channels", Set.of("email_threads", "email_thread_messages", "email_inbound", "channels", "messenger_events",
                    "messenger_messages", "messenger_threads", "messenger_outbox", "facebook_comment_threads", "facebook_comments")),
            Map.entry("webinars", Set.of("webinar_series", "webinar_events", "webinar_sessions", "webinar_series_registrations", "webinar_registrations",
                    "webinar_arrival", "webinar_rooms", "webinar_attendance", "webinar_mails_sent", "webinar_questions", "webinar_replay_views")),
            Map.entry("journeys", Set.of("journey_templates", "journey_steps", "journey_enrolments", "journey_progress", "journey_documents", "journey_reminders", "journey_chats")),
            Map.entry("staffing", Set.of("staffing_periods", "staffing_period_hours", "staffing_shifts", "staffing_skills", "staffing_targets", "staffing_service_skills", "staffing_breaches")),
            Map.entry("desk", Set.of("desk_faculties", "desk_faculty_members", "desk_sittings", "desk_sitting_professors", "desk_sitting_students",
                    "desk_incidents", "desk_call_events", "desk_callbacks", "desk_agent_extensions", "desk_incident_ratings")),
            Map.entry("alerts", Set.of("alert_templates", "alerts", "alert_updates", "alert_recipients", "alert_audit", "alert_lists",
                    "alert_list_members", "alert_push_subscriptions", "alert_deliveries", "alert_settings")),
            Map.entry("community", Set.of("community_members", "community_groups", "community_group_members", "community_threads", "community_posts",
                    "community_rounds", "community_participants", "community_pairs")));
    /**
     * Migrations written before a rule existed, which Flyway's checksums forbid editing: V003 created the
     * services tables before the services module did; V004 added live_session to conversations, which
     * V011 replaced by the inbox's generic origin.
     */
    static final Map<String, Set<String>> HISTORY = Map.of(
            "V003__inbox_conversations.sql", Set.of("services", "service_hours"),
            "V004__live_sessions.sql", Set.of("conversations"));

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.guichet");

    @Test
    void modulesDependOnlyAsTheMapAllows() {
        Map<String, Set<String>> found = new TreeMap<>();
        for (JavaClass c : CLASSES) {
            String from = module(c);
            if (!ALLOWED.containsKey(from)) continue;
            c.getDirectDependenciesFromSelf().forEach(d -> {
                String to = module(d.getTargetClass());
                if (ALLOWED.containsKey(to) && !to.equals(from) && !ALLOWED.get(from).contains(to)) {
                    found.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>()).add(c.getSimpleName() + " uses " + d.getTargetClass().getSimpleName());
                }
            });
        }
        assertThat(found).as("dependencies outside ArchitectureTest.ALLOWED").isEmpty();
    }

    @Test
    void everyModuleIsInTheMap() {
        Set<String> modules = new TreeSet<>();
        for (JavaClass c : CLASSES) modules.add(module(c));
        modules.removeAll(Set.of("", "loadtest")); // the composition root and the load generator
        assertThat(ALLOWED.keySet()).containsAll(modules);
    }

    @Test
    void modulesHaveNoCycles() {
        slices().matching("io.guichet.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void noModuleReachesIntoAnotherModulesPrivateParts() {
        for (String module : ALLOWED.keySet()) {
            for (String other : ALLOWED.keySet()) {
                if (module.equals(other) || other.equals("platform")) continue; // platform's web kernel is shared
                noClasses().that().resideInAPackage("io.guichet." + module + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(
                                "io.guichet." + other + ".internal..", "io.guichet." + other + ".web..")
                        .allowEmptyShould(true)
                        .check(CLASSES);
            }
        }
    }

    @Test
    void theDatabaseIsReachedOnlyThroughDaosAndServices() {
        noClasses().that().resideInAPackage("..web..")
                .should().dependOnClassesThat().resideInAPackage("..internal..")
                .check(CLASSES);
    }

    @Test
    void theLoadGeneratorUsesThePublicApiOnly() {
        noClasses().that().resideInAPackage("io.guichet.loadtest..")
                .should().dependOnClassesThat().resideInAnyPackage(ALLOWED.keySet().stream().map(m -> "io.guichet." + m + "..").toArray(String[]::new))
                .check(CLASSES);
    }

    @Test
    void everyModuleStatesItsPurpose() {
        for (String module : ALLOWED.keySet()) {
            assertThat(Path.of("src/main/java/io/guichet", module, "package-info.java")).as(module).exists();
        }
    }

    private static final Pattern TABLE_STATEMENT = Pattern.compile(
            "\\b(?:CREATE|ALTER|DROP)\\s+TABLE\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?([a-z_]+)|\\bCREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+\\w+\\s+ON\\s+([a-z_]+)"
                    + "|\\b(?:INSERT\\s+INTO|(?<!(?:BEFORE|AFTER|OR)\\s)UPDATE|DELETE\\s+FROM)\\s+([a-z_]+)", Pattern.CASE_INSENSITIVE); // not a trigger's event

    @Test
    void eachMigrationTouchesOnlyItsModulesTables() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                Matcher m = Pattern.compile("V\\d+__([a-z]+)_.*\\.sql").matcher(name);
                if (!m.matches()) {
                    violations.add(name + ": not named V<NNN>__<module>_<what>.sql");
                    continue;
                }
                Set<String> own = new HashSet<>(TABLES.getOrDefault(m.group(1), Set.of()));
                own.addAll(HISTORY.getOrDefault(name, Set.of()));
                for (String table : tablesTouched(Files.readString(file))) {
                    if (!own.contains(table)) violations.add(name + " touches " + table);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    static Set<String> tablesTouched(String sql) {
        String withoutComments = sql.replaceAll("--[^\\n]*", "");
        Set<String> tables = new TreeSet<>();
        Matcher m = TABLE_STATEMENT.matcher(withoutComments);
        while (m.find()) {
            for (int g = 1; g <= 3; g++) if (m.group(g) != null) tables.add(m.group(g).toLowerCase(Locale.ROOT));
        }
        return tables;
    }

    private static String module(JavaClass c) {
        String pkg = c.getPackageName();
        if (!pkg.startsWith("io.guichet.")) return pkg.equals("io.guichet") ? "" : "external";
        String rest = pkg.substring("io.guichet.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
