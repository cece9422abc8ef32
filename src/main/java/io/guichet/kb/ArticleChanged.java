package io.guichet.kb;

import io.guichet.platform.bus.Notice;

/** An article was created or changed (published, edited, retired); every node re-indexes it. */
public record ArticleChanged(long articleId) implements Notice {
}
