package io.guichet.inbox;

import io.guichet.identity.Access;
import io.guichet.identity.IdentityService;
import io.guichet.identity.Role;
import io.guichet.identity.ServiceMemberships;
import io.guichet.identity.StaffProvisioning;
import io.guichet.identity.Staff;
import io.guichet.inbox.internal.AgentDao;
import io.guichet.inbox.internal.RoutingPass;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Checks;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServicePresence;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Agents as routing sees them: the services each works in, how many conversations they take at
 * once, and whether they are available now (their choice, and an open socket's lease). Memberships
 * are the inbox's because routing joins them with presence in one locked query.
 */
public final class AgentService implements ServiceMemberships, ServicePresence, StaffProvisioning {
    public static final int DEFAULT_CAPACITY = 5;

    private final Jdbi jdbi;
    private final IdentityService identity;
    private final ServiceCatalogue services;
    private final RoutingPass routing;

    public AgentService(Jdbi jdbi, IdentityService identity, ServiceCatalogue services, RoutingPass routing) {
        this.jdbi = jdbi;
        this.identity = identity;
        this.services = services;
        this.routing = routing;
    }

    /** Where a staff member works and how many conversations they take at once, checked in this one place. */
    public record Assignment(List<String> serviceSlugs, int maxConcurrent) {
        public Assignment {
            serviceSlugs = serviceSlugs == null ? List.of() : List.copyOf(serviceSlugs);
        }
    }

    /** A new staff member with their services and capacity: all of it is stored, or nothing. */
    public long doCreateStaffMember(Staff actor, IdentityService.NewStaff account, Assignment work) {
        Access.requireAdmin(actor);
        Checks checks = new Checks(); // the account's and the work's refusals together, before anything is written
        List<Long> serviceIds = checks.check(() -> validServices(work));
        checks.run(() -> IdentityService.checkNewStaff(account));
        checks.done();
        long id = identity.doCreateStaff(actor, account,
                newId -> jdbi.useTransaction(h -> new AgentDao(h).setMembership(newId, serviceIds, work.maxConcurrent())));
        routing.drain(serviceIds);
        return id;
    }

    /** An account's name, role and state with its services and capacity, in one transaction. */
    public void doUpdateStaffMember(Staff actor, long staffId, String name, Role role, String lang, boolean active, Assignment work) {
        Access.requireAdmin(actor);
        Checks checks = new Checks();
        List<Long> serviceIds = checks.check(() -> validServices(work));
        checks.run(() -> IdentityService.checkAccount(name, role, lang));
        checks.done();
        identity.doUpdateStaff(actor, staffId, name, role, lang, active, () -> jdbi.useTransaction(h -> {
            AgentDao dao = new AgentDao(h);
            dao.setMembership(staffId, serviceIds, work.maxConcurrent());
            if (!active) dao.markOffline(staffId); // routing stops counting them at once
        }));
        routing.drain(serviceIds);
    }

    /** Single sign-on's new account, with the services its groups map to and the default capacity. */
    @Override
    public long create(IdentityService.NewStaff account, List<String> serviceSlugs) {
        return doCreateStaffMember(Staff.SYSTEM, account, new Assignment(serviceSlugs, DEFAULT_CAPACITY));
    }

    /** Single sign-on's change of an account (its groups changed, or it is switched off), keeping its capacity. */
    @Override
    public void update(Staff changed, List<String> serviceSlugs) {
        AgentSettings now = findAgent(changed.id());
        List<String> slugs = serviceSlugs != null ? serviceSlugs : now.serviceIds().stream().map(id -> services.findById(id).slug()).toList();
        doUpdateStaffMember(Staff.SYSTEM, changed.id(), changed.name(), changed.role(), changed.lang(), changed.active(),
                new Assignment(slugs, now.maxConcurrent()));
    }

    /** Unknown services and capacities out of range are refused before anything is written. */
    private List<Long> validServices(Assignment work) {
        Checks checks = new Checks();
        if (work.maxConcurrent() < 1 || work.maxConcurrent() > 100) {
            checks.refuse(ApiError.invalid("maxConcurrent", "maxConcurrent must be from 1 to 100"));
        }
        List<Long> ids = work.serviceSlugs().stream().map(slug -> checks.check(() -> services.findBySlug(slug).id())).distinct().toList();
        checks.done();
        return ids;
    }

    /** How routing treats this staff member now; for their own presence toggle and the staff screens. */
    public AgentSettings findAgent(long staffId) {
        return jdbi.withHandle(h -> new AgentDao(h).agent(staffId))
                .orElse(new AgentSettings(staffId, List.of(), DEFAULT_CAPACITY, false, false, 0));
    }

    @Override
    public List<Long> serviceIdsOf(long staffId) {
        return jdbi.withHandle(h -> new AgentDao(h).servicesOf(staffId));
    }

    /** The agent chose available or away. */
    public void doSetPresence(Staff agent, boolean available) {
        jdbi.useHandle(h -> new AgentDao(h).setWantsAvailable(agent.id(), available));
        if (available) routing.drain(serviceIdsOf(agent.id()));
    }

    /** Agents with an open socket on this node stay online for the lease; a lapsed lease means away. */
    public void doKeepOnline(List<Long> staffIds, int leaseSeconds) {
        jdbi.useHandle(h -> new AgentDao(h).markOnline(staffIds, leaseSeconds));
    }

    /** This node closed the agent's last socket (they left, signed out or lost their rights): routing skips them now. */
    public void doAgentDisconnected(long staffId) {
        jdbi.useHandle(h -> new AgentDao(h).markOffline(staffId));
    }

    /** Work the agent held elsewhere (a callback) was finished: their room may take a waiting conversation now. */
    public void doRoomFreed(long staffId) {
        routing.drain(serviceIdsOf(staffId));
    }

    /** An agent's socket opened: they are online now and may take waiting conversations. */
    public void doAgentConnected(long staffId, int leaseSeconds) {
        doKeepOnline(List.of(staffId), leaseSeconds);
        routing.drain(serviceIdsOf(staffId));
    }

    @Override
    public Set<Long> servicesAnsweringNow() {
        return Set.copyOf(jdbi.withHandle(h -> new AgentDao(h).servicesAnsweringNow()));
    }

    /** How many staff members each service has, for warning administrators about a service no one answers. */
    public Map<Long, Integer> findMembersPerService() {
        return jdbi.withHandle(h -> new AgentDao(h).membersPerService());
    }
}
