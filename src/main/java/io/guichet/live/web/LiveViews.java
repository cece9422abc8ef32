package io.guichet.live.web;

import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.StaffShell;

import java.util.List;

/** What the live templates receive: one typed record per page or fragment. */
public final class LiveViews {
    private LiveViews() {
    }

    public record Option(String value, String label, boolean selected) {
    }

    /** One session in the staff list. */
    public record SessionRow(String slug, String title, String when, String phase, String phaseLabel) {
    }

    /** The create / edit form; {@code startsAt} and {@code endsAt} as datetime-local values in the institution's zone. */
    public record SessionForm(Localizer t, String csrf, String action, boolean editing, String slug, String titleFr,
                              String titleEn, String descriptionFr, String descriptionEn, String startsAt, String endsAt,
                              boolean preModeration, boolean allowAnonymous, String blocklist, List<Option> services,
                              String errorField, String error) {
        public String err(String field) {
            return field.equals(errorField) ? error : null;
        }
    }

    public record SessionsPage(StaffShell shell, List<SessionRow> sessions, SessionForm form, boolean canCreate) {
    }

    public record EditPage(StaffShell shell, String title, SessionForm form) {
    }

    /**
     * One question as staff see it; {@code status} is pending, published, dismissed, merged or private;
     * {@code answerLabel} "Réponse d’Élodie" / "Answer from Élodie" (or "Réponse" when no one is named).
     */
    public record Item(long id, String body, String originalBody, String authorName, String serviceName, int votes,
                       String status, boolean held, boolean advance, String answer, String answerLabel, boolean highlighted,
                       String time, String timeIso) {
    }

    public record ServiceFigure(String name, int asked, int answered, String median) {
    }

    /** {@code afterwards}: on the report, the most people present replaces the people present now. */
    public record Figures(Localizer t, int viewers, int peakViewers, int asked, int pending, int answeredPercent,
                          String median, List<ServiceFigure> services, boolean afterwards) {
    }

    /**
     * The live part of the moderation console, re-rendered after every change; {@code dismissed} is the
     * question just dismissed, whose undo the answer carries out of band (the toast outlives the board's refreshes); private questions are
     * only counted here, since they are answered in the inbox.
     */
    public record Board(Localizer t, String slug, String csrf, Figures figures, List<Item> pending, List<Item> published,
                        List<Item> closed, List<Option> mergeTargets, int privateCount, String error, Long dismissed) {
    }

    /** The session's title bar in the moderation console, with its phase and the start / end buttons. */
    public record Bar(Localizer t, String csrf, String slug, String title, String when, String phase, String phaseLabel) {
    }

    public record ModeratePage(StaffShell shell, Bar bar, Board board) {
    }

    /** {@code wallEmpty}: nothing published yet, the one case the board says "no question yet". */
    public record PresentBoard(Localizer t, Item highlighted, List<Item> top, List<Item> answered, boolean wallEmpty, int viewers,
                               String phaseLabel) {
    }

    /** {@code qrSvg} is the join address drawn by {@code QrCodes}, inline markup. */
    public record PresentPage(Localizer t, String slug, String title, String joinUrl, String joinText, String qrSvg, PresentBoard board) {
    }

    public record HourRow(String label, int asked, int percentOfMax) {
    }

    public record ReportPage(StaffShell shell, String slug, String title, String when, Figures figures, List<HourRow> hours,
                             List<Item> topUnanswered, int privateQuestions) {
    }

    /**
     * The public page: everything the script needs is in data attributes, every string in the reader's
     * language; {@code zone} the institution's time zone, in which the script shows times.
     */
    public record WallPage(Localizer t, String zone, String slug, String title, String description, String phase, String startsAtIso,
                           String endsAtIso, String when, boolean allowAnonymous, List<Option> services) {
    }
}
