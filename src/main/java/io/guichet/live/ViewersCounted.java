package io.guichet.live;

import io.guichet.platform.bus.Notice;

import java.util.Map;

/** One node's count of people on each session's wall, every few seconds (an empty map: none left there). */
public record ViewersCounted(String node, Map<Long, Integer> bySession) implements Notice {
}
