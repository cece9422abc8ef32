package io.guichet.alerts;

import io.guichet.alerts.internal.AlertDao;
import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.Origin;
import io.guichet.people.Contact;
import io.guichet.people.ContactDirectory;
import io.guichet.people.ContactFilter;
import io.guichet.people.ContactRecord;
import io.guichet.people.PeopleService;
import io.guichet.people.Segment;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.mail.MailBody;
import io.guichet.platform.mail.OutgoingMail;
import io.guichet.platform.mail.Outbox;
import io.guichet.platform.mail.Purpose;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.CsvReader;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.SignedTokens;
import io.guichet.services.ServiceCatalogue;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Emergency alerts: templates, drafts, the two-person approval, the mails, follow-ups, the all-clear, each person's
 * acknowledgement and the dashboard's counts. Every step is written to the audit log with who and when, in the
 * transaction that takes it.
 */
public final class AlertService {
    public static final String ACK_PURPOSE = "alert-ack";
    public static final String ACK_PATH = "/link/alerte/";
    public static final String PAGE_PATH = "/alerte/";
    private static final int MESSAGE_MAX = 1000, LOCATION_MAX = 200, UNREACHABLE_SHOWN = 50;
    /** Placeholders as written in each language, and the field of the draft's {@code params} that fills them. */
    private static final Map<String, String> PLACEHOLDERS = Map.of("bâtiment", "building", "heure", "time", "consignes", "instructions",
            "building", "building", "time", "time", "instructions", "instructions");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([\\p{L}]+)}");
    public static final Set<String> SEVERITIES = Set.of("Extreme", "Severe", "Moderate", "Minor");

    private final Jdbi jdbi;
    private final ContactDirectory contacts;
    private final PeopleService people;
    private final ServiceCatalogue services;
    private final ConversationService conversations;
    private final Outbox outbox;
    private final SignedTokens links;
    private final String publicUrl;
    private final Messages messages;
    private final AlertSettings settings;
    private final Clock clock;
    private final Bus bus;
    private final AlertPush push;
    private final AlertSms sms;
    /** One sending at a time on this node, in order: the alert's pushes (and SMS) leave before its first follow-up's. */
    private final java.util.concurrent.ExecutorService deliveries = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "alert-deliveries");
        t.setDaemon(true);
        return t;
    });

    public AlertService(Jdbi jdbi, ContactDirectory contacts, PeopleService people, ServiceCatalogue services, ConversationService conversations,
                        Outbox outbox, SignedTokens links, String publicUrl, Messages messages, AlertSettings settings, Clock clock, Bus bus,
                        AlertPush push, AlertSms sms) {
        this.jdbi = jdbi;
        this.contacts = contacts;
        this.people = people;
        this.services = services;
        this.conversations = conversations;
        this.outbox = outbox;
        this.links = links;
        this.publicUrl = publicUrl;
        this.messages = messages;
        this.settings = settings;
        this.clock = clock;
        this.bus = bus;
        this.push = push;
        this.sms = sms;
    }

    public AlertSms sms() {
        return sms;
    }

    /** The channels this installation offers now: SMS once the gateway is set. */
    public List<String> channels() {
        return sms.provider().isPresent() ? java.util.stream.Stream.concat(Alert.CHANNELS.stream(), java.util.stream.Stream.of("sms")).toList() : Alert.CHANNELS;
    }

    public AlertPush push() {
        return push;
    }

    public AlertSettings settings() {
        return settings;
    }

    // ---------------------------------------------------------------- templates

    public List<AlertTemplate> accessTemplates(Staff staff) {
        Access.requireAlertDrafter(staff);
        return jdbi.withHandle(h -> new AlertDao(h).templates());
    }

    public AlertTemplate accessTemplate(Staff staff, long id) {
        Access.requireAlertDrafter(staff);
        return jdbi.withHandle(h -> new AlertDao(h).template(id)).orElseThrow(() -> ApiError.notFound("Template"));
    }

    /** The standard templates, once (by key); seeding again changes nothing. */
    public void doSeedTemplates(Staff system, List<AlertTemplate> templates) {
        Access.requireAdmin(system);
        jdbi.useTransaction(h -> templates.forEach(new AlertDao(h)::insertTemplate));
    }

    /** An administrator allows (or no longer allows) one person to send this template alone; logged with who and when. */
    public AlertTemplate doSetSinglePerson(Staff admin, long templateId, boolean allowed) {
        Access.requireSinglePersonRule(admin);
        return jdbi.inTransaction(h -> {
            AlertDao dao = new AlertDao(h);
            if (!dao.setSinglePerson(templateId, allowed)) throw ApiError.notFound("Template");
            dao.audit(null, templateId, admin.id(), admin.name(), allowed ? "single_person_allowed" : "single_person_withdrawn", null, clock.instant());
            return dao.template(templateId).orElseThrow();
        });
    }

    public List<AuditStep> accessTemplateAudit(Staff staff, long templateId) {
        Access.requireAlertDrafter(staff);
        return jdbi.withHandle(h -> new AlertDao(h).auditOfTemplate(templateId));
    }

    // ---------------------------------------------------------------- drafts

    /**
     * What the composer sends: a template (its texts when none are given, its placeholders filled from {@code params}),
     * the audience, the texts per language (either may be missing: the other's is used, with a warning), the channels,
     * the severity and the service whose inbox receives "I need help".
     */
    public record Draft(Long templateId, Map<String, String> params, Audience audience, AlertText fr, AlertText en, List<String> channels,
                        String severity, String helpService) {
    }

    /** A draft's words as they will leave, and what the composer must be told about them. */
    public record Composed(Long templateId, String category, String severity, Texts texts, List<String> warnings, List<String> channels,
                           String helpService) {
    }

    /** Reads a draft into the texts that will leave: refusals as 422, cuts and copies as warnings (never silently). */
    public Composed compose(Staff staff, Draft d) {
        Access.requireAlertDrafter(staff);
        AlertTemplate template = d.templateId() == null ? null
                : jdbi.withHandle(h -> new AlertDao(h).template(d.templateId())).orElseThrow(() -> ApiError.invalid("templateId", "No such template"));
        Map<String, String> params = new LinkedHashMap<>();
        if (d.params() != null) {
            d.params().forEach((k, v) -> {
                if (!Set.of("building", "time", "instructions").contains(k)) throw ApiError.invalid("params", "params are building, time and instructions");
                String clean = Fields.optionalText("params." + k, v, k.equals("instructions") ? 1000 : 120);
                if (clean != null) params.put(k, clean);
            });
        }
        List<String> warnings = new ArrayList<>();
        AlertText fr = text("fr", d.fr(), template == null ? null : template.texts().fr(), params);
        AlertText en = text("en", d.en(), template == null ? null : template.texts().en(), params);
        if (fr == null && en == null) throw ApiError.invalid("fr", "Write the message in French or in English");
        if (fr == null) {
            fr = en;
            warnings.add("only_en");
        } else if (en == null) {
            en = fr;
            warnings.add("only_fr");
        }
        AlertText frCut = cut(fr), enCut = cut(en);
        if (!frCut.equals(fr)) warnings.add("short_cut_fr");
        if (!enCut.equals(en)) warnings.add("short_cut_en");
        String severity = d.severity() == null ? (template == null ? "Severe" : template.severity()) : d.severity();
        if (!SEVERITIES.contains(severity)) throw ApiError.invalid("severity", "severity must be Extreme, Severe, Moderate or Minor");
        List<String> offered = channels();
        List<String> channels = d.channels() == null || d.channels().isEmpty() ? offered : d.channels().stream().distinct().toList();
        for (String c : channels) {
            if (!offered.contains(c)) {
                throw new ApiError(422, "channel_unavailable", "The channel " + c + " is not available here: " + String.join(", ", offered) + " are", "channels");
            }
        }
        String help = Fields.optional("helpService", d.helpService(), 63);
        String helpService;
        try {
            helpService = services.findBySlug(help == null ? settings.helpService() : help).slug();
        } catch (ApiError e) {
            throw ApiError.invalid("helpService", "helpService names no service: " + (help == null ? settings.helpService() : help));
        }
        return new Composed(template == null ? null : template.id(), template == null ? "Safety" : template.category(), severity,
                new Texts(frCut, enCut), List.copyOf(warnings), channels, helpService);
    }

    /** One language's texts: those given, else the template's; placeholders filled; null when the language is absent. */
    private static AlertText text(String lang, AlertText given, AlertText fromTemplate, Map<String, String> params) {
        String shortText = given == null ? null : Fields.optional(lang + ".short", given.shortText(), 1000);
        String longText = given == null ? null : Fields.optionalText(lang + ".long", given.longText(), Texts.LONG_MAX);
        if (shortText == null && longText == null && fromTemplate != null) {
            shortText = fromTemplate.shortText();
            longText = fromTemplate.longText();
        }
        if (shortText == null && longText == null) return null;
        if (longText == null) longText = shortText;
        if (shortText == null) shortText = longText.replaceAll("\\s+", " ").strip();
        return new AlertText(fill(lang + ".short", shortText, params), fill(lang + ".long", longText, params));
    }

    /** Fills {bâtiment}/{building}, {heure}/{time}, {consignes}/{instructions}; a placeholder left without a value is refused. */
    static String fill(String field, String text, Map<String, String> params) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String param = PLACEHOLDERS.get(m.group(1));
            if (param == null) continue;
            String value = params.get(param);
            if (value == null) {
                throw new ApiError(422, "missing_placeholder", field + " needs params." + param + " (for {" + m.group(1) + "})", "params." + param)
                        .because("placeholder", m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The short text within {@link Texts#SHORT_MAX} characters (cut at a word with an ellipsis, the caller warns). */
    static AlertText cut(AlertText t) {
        String s = t.shortText();
        if (s.codePointCount(0, s.length()) <= Texts.SHORT_MAX) return t;
        String head = s.substring(0, s.offsetByCodePoints(0, Texts.SHORT_MAX - 1));
        int space = head.lastIndexOf(' ');
        if (space > Texts.SHORT_MAX / 2) head = head.substring(0, space);
        return new AlertText(head.strip() + "…", t.longText());
    }

    /** A draft as the API and the screen return it: the alert, the warnings and the reach. */
    public record Drafted(Alert alert, List<String> warnings, Reach reach) {
    }

    /** Creates a draft (audited) and tells the approvers at once; the audience must reach someone (422 empty_audience). */
    public Drafted doDraft(Staff staff, Draft d) {
        Composed c = compose(staff, d);
        Reach reach = reach(staff, d.audience());
        if (reach.total() == 0) throw new ApiError(422, "empty_audience", "This audience reaches no one", "audience");
        Instant now = clock.instant();
        Alert alert = jdbi.inTransaction(h -> {
            AlertDao dao = new AlertDao(h);
            long id = dao.insertAlert(c.templateId(), c.category(), c.severity(), d.audience(), c.channels(), c.helpService(), c.texts(), staff.id(), now);
            if (d.audience().kind() == Audience.Kind.LIST) dao.copyListUpload(d.audience().listId(), id);
            dao.audit(id, c.templateId(), staff.id(), staff.name(), "drafted", String.join(",", c.warnings()), now);
            return dao.alert(id).orElseThrow();
        });
        bus.publish(new AlertChanged(alert.id(), "drafted", staff.id()));
        return new Drafted(alert, c.warnings(), reach);
    }

    /** How many people an audience reaches, per channel, and who has no channel at all (the first names). */
    public record Reach(int total, int email, int withoutChannel, List<String> unreachable, int sms) {
    }

    /** How many the audience reaches: by mail, by SMS when the gateway is set (a phone in E.164), and who by neither. */
    public Reach reach(Staff staff, Audience audience) {
        List<ContactRecord> all = audienceOf(staff, audience);
        boolean smsOn = sms.provider().isPresent();
        int email = 0, phones = 0;
        List<String> unreachable = new ArrayList<>();
        int without = 0;
        for (ContactRecord r : all) {
            boolean phone = smsOn && AlertSms.e164(r.phones()) != null;
            if (phone) phones++;
            if (r.email() != null) {
                email++;
            } else if (!phone) {
                without++;
                if (unreachable.size() < UNREACHABLE_SHOWN) unreachable.add(r.name() == null ? "#" + r.id() : r.name());
            }
        }
        unreachable.sort(Messages.collator(Messages.FR));
        return new Reach(all.size(), email, without, List.copyOf(unreachable), phones);
    }

    /** The audience's contacts now, each once (a person of two kinds counts once). */
    private List<ContactRecord> audienceOf(Staff staff, Audience audience) {
        Map<Long, ContactRecord> byId = new LinkedHashMap<>();
        switch (audience.kind()) {
            case EVERYONE -> contacts.findAlertAudience(staff, ContactFilter.EVERYONE, null, r -> byId.putIfAbsent(r.id(), r));
            case SEGMENT -> contacts.findAlertAudience(staff, ContactFilter.EVERYONE, audience.segmentId(), r -> byId.putIfAbsent(r.id(), r));
            case LIST -> {
                List<Long> members = jdbi.withHandle(h -> {
                    AlertDao dao = new AlertDao(h);
                    if (dao.list(audience.listId()).isEmpty()) throw ApiError.invalid("audience", "No uploaded list has the id " + audience.listId());
                    return dao.listMembers(audience.listId());
                });
                contacts.findAlertContacts(staff, members).forEach(r -> byId.putIfAbsent(r.id(), r));
            }
            case KINDS -> {
                for (String kind : audience.kinds()) {
                    contacts.findAlertAudience(staff, ContactFilter.parse(Map.of("kind", kind)), null, r -> byId.putIfAbsent(r.id(), r));
                }
            }
        }
        return new ArrayList<>(byId.values());
    }

    // ---------------------------------------------------------------- uploaded lists

    /** The columns an uploaded list is read from (its header, any case): emails and phones, in French or English. */
    static final Set<String> EMAIL_COLUMNS = Set.of("email", "e-mail", "courriel", "adresse courriel", "mail");
    static final Set<String> PHONE_COLUMNS = Set.of("phone", "téléphone", "telephone", "tel", "tél", "cellulaire", "mobile");
    /** A phone as people write it: digits, spaces, dots, dashes, parentheses, a leading + — anything else after + or - is a formula. */
    private static final Pattern PHONE_LIKE = Pattern.compile("[+-]?[0-9 ().\\-]+");
    /** How many unmatched or refused lines are named back (the rest are counted). */
    public static final int LINES_NAMED = 50;

    /** A list as uploaded: what it matched, and the lines no contact held (their numbers as the spreadsheet shows them). */
    public record Uploaded(AlertList list, List<Integer> unmatchedLines) {
    }

    /**
     * Reads a CSV of emails and/or phones (a column named email/courriel, phone/téléphone) and keeps the contacts they
     * match as a list an alert may go to. A formula cell or a control character refuses the whole file, naming its
     * lines, and nothing is kept; lines matching no contact are named back, not refused.
     */
    public Uploaded doUploadList(Staff staff, String name, byte[] csv) {
        Access.requireAlertDrafter(staff);
        String listName = Fields.required("name", name, 200);
        CsvReader.Table table = CsvReader.read(csv);
        int emailAt = -1, phoneAt = -1;
        for (int i = 0; i < table.header().size(); i++) {
            String h = table.header().get(i).strip().toLowerCase(java.util.Locale.ROOT);
            if (emailAt < 0 && EMAIL_COLUMNS.contains(h)) emailAt = i;
            if (phoneAt < 0 && PHONE_COLUMNS.contains(h)) phoneAt = i;
        }
        if (emailAt < 0 && phoneAt < 0) {
            throw new ApiError(422, "csv_header", "The first line must name an email (courriel) or phone (téléphone) column", "file");
        }
        List<String> refused = new ArrayList<>(), refusedLines = new ArrayList<>();
        Map<Integer, String> emails = new LinkedHashMap<>(), phones = new LinkedHashMap<>();
        for (CsvReader.Row row : table.rows()) {
            String why = CsvReader.tooLong(row) ? "too long" : refusal(row.cells());
            if (why != null) {
                refused.add("line " + row.number() + " (" + why + ")");
                refusedLines.add(Integer.toString(row.number()));
                continue;
            }
            String email = cell(row, emailAt), phone = cell(row, phoneAt);
            if (email != null) emails.put(row.number(), email);
            if (phone != null) phones.put(row.number(), phone);
        }
        if (!refused.isEmpty()) {
            List<String> named = refused.subList(0, Math.min(refused.size(), LINES_NAMED));
            throw new ApiError(422, "csv_refused", "Nothing was kept: " + String.join(", ", named)
                    + (refused.size() > LINES_NAMED ? " and " + (refused.size() - LINES_NAMED) + " more lines" : ""), "file")
                    .because("csv_refused", String.join(", ", refusedLines.subList(0, Math.min(refusedLines.size(), LINES_NAMED))));
        }
        Map<String, ContactRecord> byEmail = contacts.findAlertListContacts(staff, "email", emails.values());
        Map<String, ContactRecord> byPhone = contacts.findAlertListContacts(staff, "phone", phones.values());
        java.util.Set<Long> members = new java.util.LinkedHashSet<>();
        List<Integer> unmatched = new ArrayList<>();
        for (CsvReader.Row row : table.rows()) {
            ContactRecord r = byEmail.get(emails.get(row.number()));
            if (r == null) r = byPhone.get(phones.get(row.number()));
            if (r == null) unmatched.add(row.number());
            else members.add(r.id());
        }
        if (members.isEmpty()) throw new ApiError(422, "empty_audience", "No line of the file matched a contact: nothing was kept", "file");
        Instant now = clock.instant();
        AlertList list = jdbi.inTransaction(h -> {
            AlertDao dao = new AlertDao(h);
            long id = dao.insertList(listName, staff.id(), now, table.rows().size(), unmatched.size(), members);
            // who uploaded which list, its lines and whom they matched: copied into the audit of every alert sent to it
            dao.audit(null, null, staff.id(), staff.name(), "list_uploaded",
                    id + "|" + table.rows().size() + "|" + members.size() + "|" + unmatched.size() + "|" + listName, now);
            return dao.list(id).orElseThrow();
        });
        return new Uploaded(list, List.copyOf(unmatched.subList(0, Math.min(unmatched.size(), LINES_NAMED))));
    }

    public List<AlertList> accessLists(Staff staff) {
        Access.requireAlertDrafter(staff);
        return jdbi.withHandle(h -> new AlertDao(h).lists(100));
    }

    /** Why a row is refused (a spreadsheet formula, a control character), or null. */
    static String refusal(List<String> cells) {
        for (String raw : cells) {
            String c = CsvReader.unquoted(raw).strip();
            if (raw.chars().anyMatch(ch -> Character.isISOControl(ch) || ch == '\u2028' || ch == '\u2029')) return "a control character";
            if (c.isEmpty()) continue;
            char first = c.charAt(0);
            if (first == '=' || first == '@' || ((first == '+' || first == '-') && !PHONE_LIKE.matcher(c).matches())) return "a formula cell";
        }
        return null;
    }

    private static String cell(CsvReader.Row row, int at) {
        if (at < 0 || at >= row.cells().size()) return null;
        String c = CsvReader.unquoted(row.cells().get(at)).strip();
        return c.isEmpty() ? null : c;
    }

    public List<Segment> accessSegments(Staff staff) {
        return contacts.findAlertSegments(staff);
    }

    // ---------------------------------------------------------------- reading

    public Alert accessAlert(Staff staff, long id) {
        Access.requireAlertDrafter(staff);
        return jdbi.withHandle(h -> new AlertDao(h).alert(id)).orElseThrow(() -> ApiError.notFound("Alert"));
    }

    public List<Alert> accessAlerts(Staff staff, Alert.Status status, int limit) {
        Access.requireAlertDrafter(staff);
        return jdbi.withHandle(h -> new AlertDao(h).alerts(status.code(), limit));
    }

    public List<AuditStep> accessAudit(Staff staff, long id) {
        accessAlert(staff, id);
        return jdbi.withHandle(h -> new AlertDao(h).auditOf(id));
    }

    public List<AlertUpdate> accessUpdates(Staff staff, long id) {
        accessAlert(staff, id);
        return jdbi.withHandle(h -> new AlertDao(h).updates(id));
    }

    /** Those who answered "help" or have not answered ({@code state} {@code help} or {@code none}), or everyone (null). */
    public List<AlertRecipient> accessRecipients(Staff staff, long id, String state) {
        accessAlert(staff, id);
        return jdbi.withHandle(h -> new AlertDao(h).recipients(id, state)).stream()
                .sorted(java.util.Comparator.comparing(r -> r.name() == null ? "" : r.name(), Messages.collator(Messages.FR))).toList();
    }

    /** The after-action report (timeline, reach, answers over time, answer times); only once the alert is closed. */
    public AfterAction accessReport(Staff staff, long id) {
        Alert a = accessAlert(staff, id);
        if (a.status() != Alert.Status.CLOSED) throw ApiError.conflict("alert_not_closed", "the report is ready once the alert is closed");
        return jdbi.withHandle(h -> {
            AlertDao dao = new AlertDao(h);
            return AfterAction.of(a, dao.auditOf(id), counts(id), dao.recipients(id, null));
        });
    }

    public AlertCounts accessCounts(Staff staff, long id) {
        accessAlert(staff, id);
        return counts(id);
    }

    private AlertCounts counts(long id) {
        return jdbi.withHandle(h -> {
            AlertDao dao = new AlertDao(h);
            Map<String, Object> c = dao.answerCounts(id);
            Map<String, Integer> mail = outbox.statusCounts(h, dao.mailIds(id));
            Map<String, int[]> delivered = new io.guichet.alerts.internal.PushDao(h).deliveries(id);
            int[] pushed = delivered.getOrDefault("push", new int[3]), sms = delivered.getOrDefault("sms", new int[3]);
            return new AlertCounts(n(c, "total"), n(c, "unreachable"), mail.getOrDefault("sent", 0), mail.getOrDefault("failed", 0),
                    mail.getOrDefault("queued", 0) + mail.getOrDefault("kept", 0), n(c, "opened"), n(c, "safe"), n(c, "help"), n(c, "silent"),
                    pushed[0], pushed[1], pushed[2], sms[0], sms[1]);
        });
    }

    private static int n(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).intValue();
    }

    /** The alert's public face (no login): approved alerts only; a draft is not found. */
    public Optional<Alert> findPublished(long id) {
        return jdbi.withHandle(h -> new AlertDao(h).alert(id)).filter(a -> a.status() != Alert.Status.DRAFT);
    }

    public List<AlertUpdate> findUpdates(long id) {
        return jdbi.withHandle(h -> new AlertDao(h).updates(id));
    }

    /** The alerts whose banner shows now (approved, not yet closed), newest first. */
    public List<Alert> findActive() {
        return jdbi.withHandle(h -> new AlertDao(h).alerts("sending", 20));
    }

    /** The latest updates of many alerts (the banners show the newest words). */
    public Map<Long, List<AlertUpdate>> findUpdatesOf(List<Long> ids) {
        return jdbi.withHandle(h -> new AlertDao(h).updatesOf(ids));
    }

    // ---------------------------------------------------------------- approval and sending

    /**
     * The second person approves and the alert leaves, in two transactions: the approval (audited), after which the banner
     * shows on every open page at once; then the audience read as it stands, each person a row and, when they have an
     * address, an urgent mail with their personal link, with the audit's {@code sent} step — reading 5,000 people and
     * queuing their mails takes seconds the banner must not wait for. Should the second fail, the same approver approving
     * again finishes it; follow-ups wait for it (409 still_sending).
     * Approving one's own draft is refused (403) unless an administrator allowed its template to be sent alone: then it is
     * logged as {@code approved_alone}. A second approval finds it sent (409 not_draft).
     */
    public Alert doApprove(Staff staff, long id) {
        Alert before = accessAlert(staff, id);
        Access.requireAlertApprover(staff, before.createdBy(), before.singlePersonTemplate());
        Instant now = clock.instant();
        // 1. approved: the banner and the public page show it at once (the audience is not read yet: that takes seconds)
        boolean approvedNow = jdbi.inTransaction(h -> {
            AlertDao dao = new AlertDao(h);
            Alert a = dao.lock(id).orElseThrow();
            if (a.status() == Alert.Status.SENDING && !dao.hasStep(id, "sent") && a.approvedBy() != null && a.approvedBy() == staff.id()) {
                return false; // its approver again after step 2 failed: step 2 is done now
            }
            if (a.status() != Alert.Status.DRAFT) throw ApiError.conflict("not_draft", "This alert was already approved");
            boolean alone = a.createdBy() == staff.id();
            dao.approve(id, staff.id(), now, alone);
            dao.audit(id, a.templateId(), staff.id(), staff.name(), alone ? "approved_alone" : "approved", null, now);
            return true;
        });
        if (approvedNow) bus.publish(new AlertChanged(id, "sent", before.createdBy()));
        // 2. the audience as it stands, a row and an urgent mail each, in one transaction; follow-ups wait for it (409 still_sending)
        Alert sent = jdbi.inTransaction(h -> {
            AlertDao dao = new AlertDao(h);
            Alert a = dao.lock(id).orElseThrow();
            if (dao.hasStep(id, "sent")) return a;
            List<ContactRecord> audience = audienceOf(Staff.SYSTEM, a.audience());
            List<Long> ids = new ArrayList<>();
            List<String> names = new ArrayList<>(), emails = new ArrayList<>(), langs = new ArrayList<>(), phones = new ArrayList<>();
            boolean bySms = a.channels().contains("sms");
            for (ContactRecord r : audience) {
                ids.add(r.id());
                names.add(r.name());
                emails.add(r.email());
                langs.add(Messages.supported(r.lang()));
                phones.add(bySms ? AlertSms.e164(r.phones()) : null);
            }
            dao.insertRecipients(id, ids, names, emails, langs, phones);
            int mails = a.channels().contains("mail") ? mail(h, dao, a, null, dao.recipients(id, null)) : 0;
            dao.audit(id, a.templateId(), staff.id(), staff.name(), "sent", mails + "/" + audience.size(), clock.instant());
            return dao.alert(id).orElseThrow();
        });
        bus.publish(new AlertChanged(id, "delivered", sent.createdBy()));
        deliverLater(id, null, staff);
        return sent;
    }

    /** The model of the alert mail ({@code mail/alert.jte}): the words, the update's, the personal links. */
    public record AlertMail(String shortText, String longText, boolean update, boolean allClear, String ackLink, String helpLink, String pageLink) {
    }

    /** Queues one urgent mail per recipient with an address; returns how many. */
    private int mail(org.jdbi.v3.core.Handle h, AlertDao dao, Alert a, AlertUpdate update, List<AlertRecipient> to) {
        List<OutgoingMail> mails = new ArrayList<>();
        List<Long> contactIds = new ArrayList<>();
        Instant expires = clock.instant().plus(Duration.ofDays(settings.linkDays()));
        for (AlertRecipient r : to) {
            if (r.email() == null) continue;
            String lang = r.lang();
            Messages.Localizer t = messages.in(lang);
            AlertText words = update == null ? a.texts().in(lang) : update.texts().in(lang);
            String link = publicUrl + ACK_PATH + links.sign(ACK_PURPOSE, a.id() + "." + r.contactId(), expires);
            String subjectKey = update == null ? "alerts.mail.subject" : update.allClear() ? "alerts.mail.subject.allclear" : "alerts.mail.subject.update";
            String line = words.shortText().replaceAll("[\\r\\n\\t]+", " ");
            // a template's short text often starts with URGENT already: the subject says it once
            String subject = update == null && line.regionMatches(true, 0, "URGENT", 0, 6) ? line : t.t(subjectKey, line);
            mails.add(OutgoingMail.of(r.email(), r.name(), lang, Purpose.TRANSACTIONAL, r.contactId(), subject.length() > 400 ? subject.substring(0, 399) + "…" : subject,
                    new MailBody("alert", new AlertMail(words.shortText(), words.longText(), update != null, update != null && update.allClear(),
                            link + "?etat=safe", link + "?etat=help", publicUrl + PAGE_PATH + a.id()))));
            contactIds.add(r.contactId());
        }
        if (mails.isEmpty()) return 0;
        List<Long> mailIds = outbox.queueUrgent(h, mails);
        dao.addMails(a.id(), contactIds, mailIds);
        return mails.size();
    }

    // ---------------------------------------------------------------- the channels that leave after the commit

    /** Push (and SMS) leave after the commit, off the request: the approver's screen answers at once. */
    private void deliverLater(long id, AlertUpdate update, Staff by) {
        deliveries.execute(() -> {
            try {
                deliver(id, update, by);
            } catch (RuntimeException e) {
                LOG.error("alert {}: a channel could not be sent", id, e);
            }
        });
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AlertService.class);

    /**
     * Every push subscription of the people the alert (or this update) reached — and, for an alert to everyone, the
     * browsers no contact holds — gets the short text in its language; the figures go to the dashboard and the audit.
     */
    private void deliver(long id, AlertUpdate update, Staff by) {
        Alert a = jdbi.withHandle(h -> new AlertDao(h).alert(id)).orElseThrow();
        List<AlertRecipient> to = jdbi.withHandle(h -> new AlertDao(h).recipients(id, update != null && update.onlyUnanswered() ? "none" : null));
        int seq = update == null ? 0 : update.seq();
        Texts texts = update == null ? a.texts() : update.texts();
        if (a.channels().contains("push")) {
            boolean everyone = a.audience().kind() == Audience.Kind.EVERYONE && (update == null || !update.onlyUnanswered());
            List<PushSubscription> subs = push.findFor(to.stream().map(AlertRecipient::contactId).toList(), everyone);
            if (!subs.isEmpty()) {
                AlertPush.Outcome o = push.send(subs, lang -> new AlertPush.Notification(
                        messages.in(lang).t(update != null && update.allClear() ? "alerts.push.allclear" : "alerts.banner.label"),
                        texts.in(lang).shortText(), PAGE_PATH + id + "?lang=" + lang, "alert-" + id));
                jdbi.useTransaction(h -> {
                    new io.guichet.alerts.internal.PushDao(h).delivered(id, seq, "push", o.sent(), o.failed(), o.expired());
                    // seq|sent|asked|failed|expired: the step's sentence shows them (alerts.audit.pushed.detail)
                    new AlertDao(h).audit(id, a.templateId(), by.id(), by.name(), "pushed",
                            seq + "|" + o.sent() + "|" + subs.size() + "|" + o.failed() + "|" + o.expired(), clock.instant());
                });
                bus.publish(new AlertChanged(id, "delivered", 0));
            }
        }
        if (a.channels().contains("sms")) sendSms(a, seq, texts, to, by);
    }

    /** The short text to each recipient with a number, many at once (the gateway answers slowly); counted and audited. */
    private void sendSms(Alert a, int seq, Texts texts, List<AlertRecipient> to, Staff by) {
        var provider = sms.provider();
        List<AlertRecipient> withPhone = to.stream().filter(r -> r.phone() != null).toList();
        if (provider.isEmpty() || withPhone.isEmpty()) return;
        java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger(), failed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Semaphore room = new java.util.concurrent.Semaphore(32);
        try (var each = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (AlertRecipient r : withPhone) {
                room.acquireUninterruptibly();
                each.execute(() -> {
                    try {
                        (provider.get().send(r.phone(), texts.in(r.lang()).shortText()).accepted() ? ok : failed).incrementAndGet();
                    } finally {
                        room.release();
                    }
                });
            }
        }
        jdbi.useTransaction(h -> {
            new io.guichet.alerts.internal.PushDao(h).delivered(a.id(), seq, "sms", ok.get(), failed.get(), 0);
            // seq|sent|asked|failed (alerts.audit.sms_sent.detail); never a number
            new AlertDao(h).audit(a.id(), a.templateId(), by.id(), by.name(), "sms_sent", seq + "|" + ok.get() + "|" + withPhone.size() + "|" + failed.get(),
                    clock.instant());
        });
        bus.publish(new AlertChanged(a.id(), "delivered", 0));
    }

    // ---------------------------------------------------------------- follow-ups and the all-clear

    /** A follow-up to everyone the alert reached, or only to those who have not answered; audited, mailed, on the banner and page. */
    public AlertUpdate doFollowUp(Staff staff, long id, Draft words, boolean onlyUnanswered) {
        Composed c = compose(staff, new Draft(null, words.params(), Audience.EVERYONE, words.fr(), words.en(), null, null, null));
        return step(staff, id, false, c.texts(), onlyUnanswered);
    }

    /** The all-clear: the banners end, the alert closes (its link then shows it closed), everyone it reached is told. */
    public AlertUpdate doClose(Staff staff, long id, Draft words) {
        Texts texts;
        if (words == null || (words.fr() == null && words.en() == null)) {
            texts = new Texts(new AlertText(messages.in("fr").t("alerts.allclear.short"), messages.in("fr").t("alerts.allclear.long")),
                    new AlertText(messages.in("en").t("alerts.allclear.short"), messages.in("en").t("alerts.allclear.long")));
        } else {
            texts = compose(staff, new Draft(null, words.params(), Audience.EVERYONE, words.fr(), words.en(), null, null, null)).texts();
        }
        return step(staff, id, true, texts, false);
    }

    private AlertUpdate step(Staff staff, long id, boolean allClear, Texts texts, boolean onlyUnanswered) {
        Access.requireAlertDrafter(staff);
        Instant now = clock.instant();
        AlertUpdate u = jdbi.inTransaction(h -> {
            AlertDao dao = new AlertDao(h);
            Alert a = dao.lock(id).orElseThrow(() -> ApiError.notFound("Alert"));
            if (a.status() == Alert.Status.DRAFT) throw ApiError.conflict("not_sent", "This alert has not been approved yet");
            if (a.status() == Alert.Status.CLOSED) throw ApiError.conflict("alert_closed", "This alert is closed");
            if (!dao.hasStep(id, "sent")) throw ApiError.conflict("still_sending", "The alert's mails are still being queued: try again in a moment");
            AlertUpdate update = dao.insertUpdate(id, allClear, texts, onlyUnanswered, staff.id(), now);
            if (allClear) dao.close(id, now);
            List<AlertRecipient> to = dao.recipients(id, onlyUnanswered ? "none" : null);
            int mails = a.channels().contains("mail") ? mail(h, dao, a, update, to) : 0;
            dao.audit(id, a.templateId(), staff.id(), staff.name(), allClear ? "closed" : onlyUnanswered ? "followed_up_unanswered" : "followed_up",
                    "#" + update.seq() + " " + mails + "/" + to.size(), now);
            return update;
        });
        bus.publish(new AlertChanged(id, allClear ? "closed" : "updated", 0));
        deliverLater(id, u, staff);
        return u;
    }

    // ---------------------------------------------------------------- acknowledgements (public, by the personal link)

    /** Whose link a token is: the alert and the contact; empty when forged, altered or expired. */
    public record Holder(long alertId, long contactId) {
    }

    public Optional<Holder> findHolder(String token) {
        if (token == null || token.length() > SignedTokens.MAX_LENGTH) return Optional.empty();
        return links.verify(ACK_PURPOSE, token, clock.instant()).flatMap(subject -> {
            String[] parts = subject.split("\\.");
            if (parts.length != 2) return Optional.empty();
            try {
                return Optional.of(new Holder(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** The link followed: the alert as its recipient sees it, and their answer so far; the opening is counted once. */
    public record Personal(Alert alert, AlertRecipient recipient, List<AlertUpdate> updates) {
    }

    public Personal doOpen(String token) {
        Holder holder = findHolder(token).orElseThrow(() -> new ApiError(404, "bad_link", "This link is not valid"));
        Personal p = jdbi.inTransaction(h -> {
            AlertDao dao = new AlertDao(h);
            AlertRecipient r = dao.lockRecipient(holder.alertId(), holder.contactId()).orElseThrow(() -> new ApiError(404, "bad_link", "This link is not valid"));
            if (r.openedAt() == null) dao.opened(holder.alertId(), holder.contactId(), clock.instant());
            return new Personal(dao.alert(holder.alertId()).orElseThrow(), dao.lockRecipient(holder.alertId(), holder.contactId()).orElseThrow(),
                    dao.updates(holder.alertId()));
        });
        if (p.recipient().openedAt() != null && p.recipient().answeredAt() == null) bus.publish(new AlertChanged(holder.alertId(), "opened", 0));
        return p;
    }

    /**
     * "I am safe" or "I need help" (with an optional message and location): the same link again changes the answer, never
     * adds one. The first "help" opens an urgent conversation at the top of the designated service's queue; a closed
     * alert takes no more answers (409 alert_closed).
     */
    public AlertRecipient doAcknowledge(String token, String state, String message, String location) {
        Holder holder = findHolder(token).orElseThrow(() -> new ApiError(404, "bad_link", "This link is not valid"));
        if (!"safe".equals(state) && !"help".equals(state)) throw ApiError.invalid("state", "state must be safe or help");
        String msg = Fields.optionalText("message", message, MESSAGE_MAX);
        String where = Fields.optional("location", location, LOCATION_MAX);
        Instant now = clock.instant();
        record Answered(Alert alert, AlertRecipient recipient) {
        }
        Answered done = jdbi.inTransaction(h -> {
            AlertDao dao = new AlertDao(h);
            Alert a = dao.lock(holder.alertId()).orElseThrow(() -> new ApiError(404, "bad_link", "This link is not valid"));
            AlertRecipient r = dao.lockRecipient(holder.alertId(), holder.contactId()).orElseThrow(() -> new ApiError(404, "bad_link", "This link is not valid"));
            if (a.status() == Alert.Status.CLOSED) throw ApiError.conflict("alert_closed", "This alert is closed");
            dao.answer(a.id(), r.contactId(), state, msg, where, now);
            return new Answered(a, dao.lockRecipient(a.id(), r.contactId()).orElseThrow());
        });
        AlertRecipient r = done.recipient();
        if ("help".equals(state) && r.conversationId() == null) r = openHelp(done.alert(), r);
        bus.publish(new AlertChanged(holder.alertId(), "answered", 0));
        return r;
    }

    /** The conversation of a person who needs help: one per person and alert (its client id), at the top of the queue. */
    private AlertRecipient openHelp(Alert a, AlertRecipient r) {
        Contact contact = people.findContactForDelivery(r.contactId());
        Messages.Localizer t = messages.in(r.lang());
        StringBuilder body = new StringBuilder(t.t("alerts.help.conversation", a.texts().in(r.lang()).shortText()));
        if (r.location() != null) body.append("\n").append(t.t("alerts.help.location", r.location()));
        if (r.message() != null) body.append("\n").append(r.message());
        var started = conversations.doStartUrgentConversation(contact, a.helpService(), body.toString(), "alert-" + a.id() + "-help",
                new Origin("alert", Long.toString(a.id())));
        long conversationId = started.conversation().id();
        jdbi.useTransaction(h -> new AlertDao(h).setConversation(a.id(), r.contactId(), conversationId));
        return new AlertRecipient(r.contactId(), r.name(), r.email(), r.lang(), r.mailIds(), r.state(), r.message(), r.location(), r.openedAt(),
                r.answeredAt(), conversationId, r.phone());
    }

    /** Who is told of a new draft: everyone who may approve it, its author not (unless the template lets them send alone). */
    public static boolean toldOfDraft(Staff staff, long authorId, boolean singlePersonTemplate) {
        return Access.canApproveAlert(staff, authorId, singlePersonTemplate);
    }
}
