package io.guichet.staffing;

/**
 * A service's target on one channel: {@code answerPercent} % answered within {@code answerSeconds}, and incidents
 * resolved within {@code resolutionMinutes} (null: no target).
 */
public record Target(long serviceId, String channel, int answerSeconds, double answerPercent, Integer resolutionMinutes) {
    /** Until a lead sets one: 90 % of chats within 60 s, 80 % of calls and callbacks within 20 s. */
    public static Target standard(long serviceId, String channel) {
        return "chat".equals(channel) ? new Target(serviceId, channel, 60, 90, null) : new Target(serviceId, channel, 20, 80, null);
    }
}
