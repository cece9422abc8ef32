package io.guichet.staffing;

import io.guichet.inbox.RoutingEligibility;
import io.guichet.staffing.internal.RotaDao;
import org.jdbi.v3.core.Handle;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Routing by skills (the inbox's {@link RoutingEligibility} port, asked by chat routing and by the desk's callbacks,
 * which it judges as chats of the hotline in the caller's language). An agent may take a waiting conversation when:
 * <ul>
 *     <li>they declared no skill at all: routing as before skills existed, so a team that never declared any works as
 *     it always did;</li>
 *     <li>else the conversation's language is one they declared (French, English), if they declared any language;</li>
 *     <li>and they have every skill the service needs ({@code staffing_service_skills}: the exam platform, the phone
 *     line) and, when it needs one, are trained: a newcomer is not routed the exam helpdesk's conversations. There
 *     is no mentor pairing (a conversation has one assignee): a lead who wants a newcomer to take one with a
 *     mentor beside them hands it over by hand from the console.</li>
 * </ul>
 * A conversation nobody there may take waits in its queue and is taken when someone who may frees up.
 */
public final class SkillRouting implements RoutingEligibility {
    static final Set<String> LANGUAGES = Set.of("fr", "en");

    @Override
    public Judge judge(Handle h, long serviceId, Collection<Long> staffIds) {
        RotaDao dao = new RotaDao(h);
        Set<String> needed = dao.serviceSkills(serviceId);
        Map<Long, Set<String>> skills = dao.skills(staffIds);
        return (staffId, conversation) -> mayTake(skills.getOrDefault(staffId, Set.of()), needed, conversation.lang());
    }

    /** The rule itself, pure: an agent's declared skills, the service's needed skills, the conversation's language. */
    public static boolean mayTake(Set<String> agentSkills, Set<String> serviceNeeds, String lang) {
        if (agentSkills.isEmpty() && serviceNeeds.isEmpty()) return true;
        boolean declaresLanguage = agentSkills.stream().anyMatch(LANGUAGES::contains);
        if (declaresLanguage && LANGUAGES.contains(lang) && !agentSkills.contains(lang)) return false;
        if (serviceNeeds.isEmpty()) return true;
        return agentSkills.containsAll(serviceNeeds) && agentSkills.contains("trained");
    }
}
