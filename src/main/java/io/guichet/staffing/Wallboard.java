package io.guichet.staffing;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.inbox.QueueFigures;
import io.guichet.platform.web.SignedTokens;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServiceQueue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The wallboard of a big screen: per service, counts only (no name, no message, no address): waiting now, the longest
 * wait, the share answered within the chat target today, and the agents on line, in a conversation or away. A lead
 * makes its signed link, so the screen runs without a login; a new key (server secret) ends every link.
 */
public final class Wallboard {
    static final String PURPOSE = "wallboard";
    public static final Duration LINK_LIFE = Duration.ofDays(365);

    private final ServiceCatalogue services;
    private final QueueFigures figures;
    private final Targets targets;
    private final ResponseTimers timers;
    private final SignedTokens tokens;
    private final Clock clock;
    private final ZoneId zone;

    public Wallboard(ServiceCatalogue services, QueueFigures figures, Targets targets, ResponseTimers timers, SignedTokens tokens, Clock clock, ZoneId zone) {
        this.timers = timers;
        this.services = services;
        this.figures = figures;
        this.targets = targets;
        this.tokens = tokens;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * A service's tile; {@code answeredWithinTarget} is null while nobody was answered today; {@code lateToday} how many
     * waited past the target today (the breaches the leads were told of).
     */
    public record Tile(ServiceQueue service, int waiting, long longestWaitSeconds, Double answeredWithinTarget, int targetSeconds,
                       int agentsOnline, int agentsInConversation, int agentsAway, int lateToday) {
    }

    public String doMakeLink(Staff actor) {
        Access.requireStaffingPlanner(actor);
        return tokens.sign(PURPOSE, "all", clock.instant().plus(LINK_LIFE));
    }

    public boolean findLinkValid(String token) {
        return token != null && tokens.verify(PURPOSE, token, clock.instant()).isPresent();
    }

    /** Every active service's tile, by French name; read by whoever holds a valid link. */
    public List<Tile> findTiles() {
        Instant now = clock.instant();
        Map<Long, ServiceQueue> active = services.findActive().stream()
                .collect(Collectors.toMap(ServiceQueue::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Map<Long, Integer> target = new LinkedHashMap<>();
        active.values().forEach(s -> target.put(s.id(), targets.findTarget(s, "chat").answerSeconds()));
        Map<Long, QueueFigures.QueueNow> byService = figures.findNow(target, LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant())
                .stream().collect(Collectors.toMap(QueueFigures.QueueNow::serviceId, Function.identity()));
        Map<Long, Integer> late = timers.findBreachesToday();
        return active.values().stream().map(s -> {
            QueueFigures.QueueNow q = byService.get(s.id());
            long longest = q.oldestWaitingSince() == null ? 0 : Math.max(0, Duration.between(q.oldestWaitingSince(), now).toSeconds());
            Double within = q.answered() == 0 ? null : q.answeredWithinTarget() / (double) q.answered();
            return new Tile(s, q.waiting(), longest, within, target.get(s.id()), q.agentsOnline(), q.agentsInConversation(), q.agentsAway(),
                    late.getOrDefault(s.id(), 0));
        }).toList();
    }
}
