package io.guichet.webinars.web;

import io.guichet.platform.Markdown;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.FormErrors;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.guichet.webinars.Invitations;
import io.guichet.webinars.ProgrammeFilter;
import io.guichet.webinars.Registration;
import io.guichet.webinars.RegistrationQuestion;
import io.guichet.webinars.RegistrationQuestions;
import io.guichet.webinars.WebinarEvent;
import io.guichet.webinars.WebinarService;
import io.guichet.webinars.WebinarSession;
import io.guichet.webinars.web.ProgrammeViews.Day;
import io.guichet.webinars.web.ProgrammeViews.Item;
import io.guichet.webinars.web.ProgrammeViews.Option;
import io.guichet.webinars.web.ProgrammeViews.Track;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The public programme: {@code /programme} (the sessions to come, by day and track, filtered by theme, language and
 * audience, with or without JavaScript), a fair's page {@code /programme/{event}}, a session's page
 * {@code /programme/seance/{id}} with its registration form, and the iCalendar feeds ({@code /programme.ics},
 * {@code /programme/{event}.ics}). The language is the request's ({@code ?lang=}, cookie, browser).
 */
public final class ProgrammePages {
    static final String HOME = "/programme", SESSION = "/programme/seance/";
    private static final Duration AHEAD = Duration.ofDays(365);
    private static final int DESCRIPTION_CHARS = 155;
    private static final FormErrors FORM_ERRORS = new FormErrors("webinar-registration", Set.of("name", "email", "postalCode", "lang", "answers"), Map.of());

    private final WebinarService webinars;
    private final RegistrationQuestions questions;
    private final Invitations invitations;
    private final WebKernel web;
    private final Times times;
    private final String publicUrl;
    private final RateLimiter registrationsPerIp;

    public ProgrammePages(WebinarService webinars, RegistrationQuestions questions, Invitations invitations, WebKernel web, Times times, String publicUrl, boolean rateLimits,
                          int registrationsPerMinute) {
        this.webinars = webinars;
        this.questions = questions;
        this.invitations = invitations;
        this.web = web;
        this.times = times;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.registrationsPerIp = new RateLimiter(rateLimits, registrationsPerMinute);
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get(HOME, this::programme);
        r.get(HOME + ".ics", ctx -> calendar(ctx, upcoming()));
        r.get(SESSION + "{id}", ctx -> sessionPage(ctx, webinars.findSession(Ids.path(ctx, "id", "Session")), null, 200));
        r.post(SESSION + "{id}", this::registerFromForm);
        r.get(HOME + "/{event}", this::eventOrFeed);
    }

    private List<WebinarSession> upcoming() {
        Instant now = webinars.now();
        return webinars.findSessions(now, now.plus(AHEAD));
    }

    private ProgrammeFilter filter(Context ctx) {
        return new ProgrammeFilter(ctx.queryParam("theme"), ctx.queryParam("lang-filter"), ctx.queryParam("audience"));
    }

    private void programme(Context ctx) {
        Localizer t = web.localizer(ctx);
        List<WebinarSession> all = upcoming();
        ProgrammeFilter filter = filter(ctx);
        ProgrammeViews.Listing listing = listing(t, filter.of(all), !filter.isEmpty());
        if (WebKernel.isHtmx(ctx)) {
            web.renderTo(ctx, "webinars/programme-listing.jte", Map.of("v", listing));
            return;
        }
        List<Option> events = webinars.findEvents().stream().filter(e -> !e.lastDay().isBefore(LocalDate.now(webinars.zone())))
                .map(e -> new Option(HOME + "/" + e.slug(), e.title(t.lang()), false)).toList();
        web.renderTo(ctx, "webinars/programme.jte", Map.of("v", new ProgrammeViews.ProgrammePage(page(ctx, t, t.t("webinars.programme.title"),
                t.t("webinars.programme.description"), HOME), t.t("webinars.programme.title"), t.t("webinars.programme.intro"),
                filters(t, HOME, all, filter), listing, HOME + ".ics?lang=" + t.lang(), events)));
    }

    private void eventOrFeed(Context ctx) {
        String slug = ctx.pathParam("event");
        boolean feed = slug.endsWith(".ics");
        WebinarEvent e = webinars.findEvent(feed ? slug.substring(0, slug.length() - 4) : slug);
        List<WebinarSession> sessions = webinars.findSessionsOf(e);
        if (feed) {
            calendar(ctx, sessions);
            return;
        }
        Localizer t = web.localizer(ctx);
        String path = HOME + "/" + e.slug();
        ProgrammeFilter filter = filter(ctx);
        ProgrammeViews.Listing listing = listing(t, filter.of(sessions), !filter.isEmpty());
        if (WebKernel.isHtmx(ctx)) {
            web.renderTo(ctx, "webinars/programme-listing.jte", Map.of("v", listing));
            return;
        }
        String dates = times.date(e.firstDay(), t) + " – " + times.date(e.lastDay(), t);
        String intro = e.description(t.lang()).isBlank() ? dates : dates + " · " + Markdown.text(e.description(t.lang()));
        web.renderTo(ctx, "webinars/programme.jte", Map.of("v", new ProgrammeViews.ProgrammePage(page(ctx, t, e.title(t.lang()),
                shorten(intro), path), e.title(t.lang()), intro, filters(t, path, sessions, filter), listing, path + ".ics?lang=" + t.lang(), List.of())));
    }

    private void calendar(Context ctx, List<WebinarSession> sessions) {
        String lang = Messages.isSupported(ctx.queryParam("lang")) ? ctx.queryParam("lang") : Messages.FR;
        ctx.contentType("text/calendar; charset=utf-8");
        ctx.result(invitations.feed(sessions, lang, publicUrl, webinars.now()));
    }

    private ProgrammeViews.Public page(Context ctx, Localizer t, String title, String description, String path) {
        return new ProgrammeViews.Public(t, title, description, path + "?lang=" + t.lang(), path + "?lang=" + t.other(), webinars.zone().getId(),
                webinars.zone().getId().replace('_', ' '));
    }

    private ProgrammeViews.Filters filters(Localizer t, String action, List<WebinarSession> sessions, ProgrammeFilter chosen) {
        List<Option> themes = ProgrammeFilter.themes(sessions, t.lang()).stream().map(v -> new Option(v, v, v.equals(chosen.theme()))).toList();
        List<Option> langs = List.of(Messages.FR, Messages.EN).stream().map(l -> new Option(l, t.t("webinars.lang." + l), l.equals(chosen.lang()))).toList();
        List<Option> audiences = ProgrammeFilter.audiences(sessions, t.lang()).stream().map(v -> new Option(v, v, v.equals(chosen.audience()))).toList();
        return new ProgrammeViews.Filters(action, themes, langs, audiences);
    }

    /** The sessions by day (institution's zone), each day by track in the order tracks first appear, untracked first. */
    private ProgrammeViews.Listing listing(Localizer t, List<WebinarSession> sessions, boolean filtered) {
        Map<LocalDate, Map<String, List<Item>>> byDay = new LinkedHashMap<>();
        for (WebinarSession s : sessions) {
            byDay.computeIfAbsent(s.startsAt().atZone(webinars.zone()).toLocalDate(), d -> new LinkedHashMap<>())
                    .computeIfAbsent(Objects.requireNonNullElse(s.track(), ""), k -> new ArrayList<>()).add(item(t, s));
        }
        List<Day> days = new ArrayList<>();
        byDay.forEach((day, tracks) -> {
            List<Track> list = new ArrayList<>();
            if (tracks.containsKey("")) list.add(new Track(null, tracks.get("")));
            tracks.forEach((name, items) -> {
                if (!name.isEmpty()) list.add(new Track(name, items));
            });
            days.add(new Day(capitalised(times.fullDate(day.atStartOfDay(webinars.zone()).toInstant(), t)), list));
        });
        return new ProgrammeViews.Listing(t, days, filtered, t.plural("webinars.programme.count", sessions.size()));
    }

    private Item item(Localizer t, WebinarSession s) {
        String seats = s.isFull() ? t.t("webinars.seats.full") : s.seatsLeft() == null ? null : t.plural("webinars.seats.left", s.seatsLeft());
        return new Item(s.id(), SESSION + s.id() + "?lang=" + t.lang(), t.t("webinars.kind." + s.kind()), s.title(t.lang()), s.startsAt().toString(),
                s.endsAt().toString(), times.clock(s.startsAt(), t) + " – " + times.clock(s.endsAt(), t), t.t("webinars.lang." + s.lang()),
                s.speakers(), seats);
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() > DESCRIPTION_CHARS ? oneLine.substring(0, DESCRIPTION_CHARS - 1).strip() + "…" : oneLine;
    }

    // ---- a session and its registration form ----------------------------------------------------------------------

    private void sessionPage(Context ctx, WebinarSession s, ProgrammeViews.Form submitted, int status) {
        Localizer t = web.localizer(ctx);
        String description = s.description(t.lang());
        WebinarEvent event = webinars.findEventOf(s).orElse(null);
        String seriesTitle = s.seriesId() == null ? null : webinars.findSeries(s.seriesId()).title(t.lang());
        boolean open = s.cancelledAt() == null && webinars.now().isBefore(s.startsAt());
        String path = SESSION + s.id();
        ProgrammeViews.Form form = submitted != null ? submitted
                : new ProgrammeViews.Form(path + "?lang=" + t.lang(), WebKernel.csrf(ctx), "", "", "", t.lang(), false, false,
                questions(t, questions.findAsked(s), Map.of(), Map.of()), Map.of());
        String when = capitalised(times.fullDate(s.startsAt(), t));
        String summary = description.isBlank() ? when : when + " · " + Markdown.text(description);
        ctx.status(status);
        web.renderTo(ctx, "webinars/programme-session.jte", Map.of("v", new ProgrammeViews.SessionPage(page(ctx, t, s.title(t.lang()),
                shorten(summary), path), item(t, s), when, Markdown.html(description), event == null ? null : event.title(t.lang()),
                event == null ? null : HOME + "/" + event.slug() + "?lang=" + t.lang(), s.track(), seriesTitle, open, form)));
    }

    /** The form's POST: the registration (or the series'), then the result; a refusal comes back on the form, nothing typed lost. */
    private void registerFromForm(Context ctx) {
        WebinarSession s = webinars.findSession(Ids.path(ctx, "id", "Session"));
        Localizer t = web.localizer(ctx);
        registrationsPerIp.acquire(WebKernel.clientIp(ctx));
        boolean consent = "on".equals(ctx.formParam("consent"));
        boolean wholeSeries = s.seriesId() != null && "all".equals(ctx.formParam("occurrences"));
        String lang = Objects.requireNonNullElse(ctx.formParam("lang"), t.lang());
        List<RegistrationQuestion> asked = questions.findAsked(s);
        Map<String, List<String>> typed = new LinkedHashMap<>();
        Map<String, Object> answers = new LinkedHashMap<>();
        for (RegistrationQuestion q : asked) {
            List<String> values = ctx.formParams("q" + q.id());
            typed.put(Long.toString(q.id()), values);
            // the whole series answers the series' questions; those of this session alone are for this session alone
            if (wholeSeries && q.seriesId() == null) continue;
            if (!values.isEmpty()) answers.put(Long.toString(q.id()), q.kind().equals(RegistrationQuestion.CHOICES) ? List.copyOf(values) : values.getFirst());
        }
        var form = new WebinarService.RegistrationForm(ctx.formParam("name"), ctx.formParam("email"), lang, answers, consent, null,
                consent ? web.messages().in(Messages.FR).t("webinars.form.consent") : null, consent ? web.messages().in(Messages.EN).t("webinars.form.consent") : null,
                ctx.formParam("postalCode"));
        try {
            Localizer reader = web.messages().in(Messages.isSupported(lang) ? lang : t.lang());
            ProgrammeViews.Public p = page(ctx, reader, s.title(reader.lang()), s.title(reader.lang()), SESSION + s.id());
            String when = capitalised(times.fullDate(s.startsAt(), reader)) + ", " + times.clock(s.startsAt(), reader);
            if (wholeSeries) {
                List<WebinarService.Registered> got = webinars.doRegisterSeries(s.seriesId(), form);
                List<String> lines = got.stream().map(g -> line(reader, g.registration())).toList();
                web.renderTo(ctx, "webinars/programme-result.jte", Map.of("v", new ProgrammeViews.ResultPage(p, "series",
                        webinars.findSeries(s.seriesId()).title(reader.lang()), when, lines)));
            } else {
                Registration r = webinars.doRegister(s.id(), form).registration();
                web.renderTo(ctx, "webinars/programme-result.jte", Map.of("v", new ProgrammeViews.ResultPage(p, r.status().code(),
                        s.title(reader.lang()), when, List.of())));
            }
        } catch (ApiError e) {
            if (e.status() == 429 || e.status() == 404) throw e;
            Map<String, String> errors = FORM_ERRORS.all(e, t);
            sessionPage(ctx, s, new ProgrammeViews.Form(SESSION + s.id() + "?lang=" + t.lang(), WebKernel.csrf(ctx),
                    Objects.requireNonNullElse(ctx.formParam("name"), ""), Objects.requireNonNullElse(ctx.formParam("email"), ""),
                    Objects.requireNonNullElse(ctx.formParam("postalCode"), ""), lang, consent,
                    wholeSeries, questions(t, asked, typed, errors), errors), e.status());
        }
    }

    /** The form's questions in the reader's words, with what was typed and each one's refusal. */
    private static List<ProgrammeViews.Question> questions(Localizer t, List<RegistrationQuestion> asked, Map<String, List<String>> typed,
                                                          Map<String, String> errors) {
        List<ProgrammeViews.Question> out = new ArrayList<>();
        for (RegistrationQuestion q : asked) {
            List<String> given = typed.getOrDefault(Long.toString(q.id()), List.of());
            List<Option> options = new ArrayList<>();
            for (int i = 0; i < q.options(t.lang()).size(); i++) options.add(new Option(Integer.toString(i), q.options(t.lang()).get(i), given.contains(Integer.toString(i))));
            out.add(new ProgrammeViews.Question("q" + q.id(), q.label(t.lang()), q.kind(), q.input(), q.required(), options, given.isEmpty() ? "" : given.getFirst(),
                    errors.get(q.field())));
        }
        return out;
    }

    /** "Vendredi 15 janvier 2027 : inscrit·e" for one occurrence of a series registration. */
    private String line(Localizer t, Registration r) {
        WebinarSession s = webinars.findSession(r.sessionId());
        return t.t("webinars.result.line", capitalised(times.fullDate(s.startsAt(), t)) + ", " + times.clock(s.startsAt(), t),
                t.t("webinars.status." + r.status().code()));
    }
}
