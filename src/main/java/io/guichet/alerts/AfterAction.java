package io.guichet.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The report once an alert is closed: its timeline (every audited step — drafted, approved, sent, each follow-up,
 * closed — with who and when), the reach per channel, the answers over time from the sending to the all-clear, and how
 * fast people answered. Times are measured from the approval (the moment it left).
 *
 * @param curve the cumulative answers at regular points from the sending to the all-clear, the last at the all-clear
 * @param firstAnswer the time to the first answer, null when nobody answered
 * @param medianAnswer the median of everyone's answer time (from their latest answer), null when nobody answered
 */
public record AfterAction(Alert alert, List<AuditStep> timeline, AlertCounts counts, int reachedByMail, List<Point> curve,
                          Duration firstAnswer, Duration medianAnswer) {

    /** The answers at {@code at}: safe, need help, and not (yet) answered. */
    public record Point(Instant at, Duration sinceSent, int safe, int help, int none) {
    }

    /** At most this many points, however long the alert lasted (one a minute for the first hour). */
    public static final int MAX_POINTS = 60;

    /** Builds the curve and the answer times from everyone's answer time (null for no answer). */
    static AfterAction of(Alert alert, List<AuditStep> timeline, AlertCounts counts, List<AlertRecipient> recipients) {
        Instant sent = alert.approvedAt(), end = alert.closedAt();
        long total = Math.max(1, Duration.between(sent, end).toMinutes() + 1);
        long step = Math.max(1, (total + MAX_POINTS - 1) / MAX_POINTS); // minutes between two points
        List<Point> curve = new ArrayList<>();
        for (long m = 0; ; m += step) {
            Instant at = sent.plus(Duration.ofMinutes(m));
            boolean last = !at.isBefore(end);
            if (last) at = end;
            int safe = 0, help = 0;
            for (AlertRecipient r : recipients) {
                if (r.answeredAt() == null || r.answeredAt().isAfter(at)) continue;
                if ("safe".equals(r.state())) safe++;
                else if ("help".equals(r.state())) help++;
            }
            curve.add(new Point(at, Duration.between(sent, at), safe, help, recipients.size() - safe - help));
            if (last) break;
        }
        List<Duration> times = recipients.stream().filter(r -> r.answeredAt() != null)
                .map(r -> Duration.between(sent, r.answeredAt())).sorted().toList();
        Duration first = times.isEmpty() ? null : times.getFirst();
        Duration median = times.isEmpty() ? null : times.size() % 2 == 1 ? times.get(times.size() / 2)
                : times.get(times.size() / 2 - 1).plus(times.get(times.size() / 2)).dividedBy(2);
        int byMail = (int) recipients.stream().filter(r -> r.email() != null).count();
        return new AfterAction(alert, timeline, counts, byMail, curve, first, median);
    }
}
