package io.guichet.community;

import java.time.Instant;

/** A group: a graduating class, a programme, a region, a topic, or a teacher's course group; how many members it has. */
public record Group(long id, String slug, String name, String description, String kind, int members, Instant createdAt) {
    public static final java.util.List<String> KINDS = java.util.List.of("class", "programme", "region", "topic", "course");
}
