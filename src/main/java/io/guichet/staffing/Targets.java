package io.guichet.staffing;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Checks;
import io.guichet.services.ServiceQueue;
import io.guichet.staffing.internal.TargetDao;
import org.jdbi.v3.core.Jdbi;

import java.util.List;

/** Response-time targets per service and channel; a channel with none set has {@link Target#standard}. */
public final class Targets {
    public static final List<String> CHANNELS = List.of("chat", "call", "callback");

    private final Jdbi jdbi;

    public Targets(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Every field at once. */
    public Target doSetTarget(Staff actor, ServiceQueue service, String channel, Integer answerSeconds, Double answerPercent, Integer resolutionMinutes) {
        Access.requireStaffingPlanner(actor);
        Checks checks = new Checks();
        if (!CHANNELS.contains(channel)) checks.refuse(ApiError.invalid("channel", "channel is chat, call or callback").because("channel"));
        if (answerSeconds == null || answerSeconds < 1 || answerSeconds > 86_400)
            checks.refuse(ApiError.invalid("answerSeconds", "answerSeconds must be from 1 to 86400").because("range_whole", 1, 86_400));
        if (answerPercent == null || !(answerPercent > 0 && answerPercent < 100))
            checks.refuse(ApiError.invalid("answerPercent", "answerPercent must be above 0 and below 100").because("percent"));
        if (resolutionMinutes != null && (resolutionMinutes < 1 || resolutionMinutes > 43_200))
            checks.refuse(ApiError.invalid("resolutionMinutes", "resolutionMinutes must be from 1 to 43200").because("range_whole", 1, 43_200));
        checks.done();
        Target t = new Target(service.id(), channel, answerSeconds, answerPercent, resolutionMinutes);
        jdbi.useTransaction(h -> new TargetDao(h).put(t));
        return t;
    }

    /** The service's target on each channel, set or standard. */
    public List<Target> accessTargets(Staff viewer, ServiceQueue service) {
        Access.requireStaffingPlanner(viewer);
        return findTargets(service);
    }

    /** For screens with no reader to check (the wallboard): targets are no secret. */
    public List<Target> findTargets(ServiceQueue service) {
        List<Target> set = jdbi.withHandle(h -> new TargetDao(h).of(service.id()));
        return CHANNELS.stream().map(c -> set.stream().filter(t -> t.channel().equals(c)).findFirst()
                .orElse(Target.standard(service.id(), c))).toList();
    }

    public Target findTarget(ServiceQueue service, String channel) {
        return findTargets(service).stream().filter(t -> t.channel().equals(channel)).findFirst().orElseThrow();
    }
}
