package io.guichet.community;

import java.time.Instant;
import java.util.List;

/** A thread of a group: its title, whether staff locked it, and its posts as the reader may see them (opening first). */
public record GroupThread(long id, long groupId, String title, boolean locked, Instant createdAt, List<Post> posts) {
}
