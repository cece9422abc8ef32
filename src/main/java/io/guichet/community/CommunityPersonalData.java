package io.guichet.community;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guichet.community.internal.MemberDao;
import io.guichet.people.PersonalData;
import org.jdbi.v3.core.Handle;

/**
 * What the network holds about a contact, for the right of access and erasure: the member row is anonymised (posts
 * still point at it, as "a former member"); on a kind whose rule deletes, their posts' words go too.
 */
public final class CommunityPersonalData implements PersonalData {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Override
    public String module() {
        return "community";
    }

    @Override
    public String exportJson(Handle h, long contactId) {
        try {
            return JSON.writeValueAsString(new MemberDao(h).export(contactId));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void erase(Handle h, long contactId, Erasure mode) {
        if (mode == Erasure.DELETE) {
            h.createUpdate("""
                    UPDATE community_posts SET body = '', terms = '{}', status = 'hidden'
                    WHERE member_id IN (SELECT id FROM community_members WHERE contact_id = :c)""").bind("c", contactId).execute();
        }
        new MemberDao(h).anonymise(contactId);
    }
}
