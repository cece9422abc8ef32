/**
 * The alumni network (issue 20): alumni join by themselves ({@link io.guichet.community.Members}: sign-up confirmed by a
 * signed link, the member a {@code people} contact of kind alumnus, consent in people's ledger, leaving is erasure), a
 * directory searched with kb's French analyser where each member decides what others and staff see
 * ({@link io.guichet.community.Directory}), groups with threads, replies, moderation and capture into the help centre
 * ({@link io.guichet.community.Groups}), listening ({@link io.guichet.community.Listening}), the engagement score and
 * rare birds ({@link io.guichet.community.Engagement}, {@link io.guichet.community.RareBirds}), reverse mentoring
 * ({@link io.guichet.community.Mentoring}, {@link io.guichet.community.Pairing}: JGraphT's maximum-weight bipartite
 * matching).
 *
 * <p>Tables: community_members, community_groups, community_group_members, community_threads, community_posts,
 * community_rounds, community_participants, community_pairs (V110). Uses people (contacts, ledger, timeline, privacy
 * through {@link io.guichet.community.CommunityPersonalData}), kb (capture, {@code TextTerms}), the mail outbox. No
 * notices yet: every read is PostgreSQL's, so a change is seen on every node at once.
 */
package io.guichet.community;
