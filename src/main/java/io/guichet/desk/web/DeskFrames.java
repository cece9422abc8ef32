package io.guichet.desk.web;

import io.guichet.desk.CallRang;
import io.guichet.desk.CallbackAssigned;
import io.guichet.desk.DeskCalls;
import io.guichet.desk.DeskService;
import io.guichet.desk.IncidentChanged;
import io.guichet.desk.Incident;
import io.guichet.desk.DeskRecipients;
import io.guichet.desk.Sitting;
import io.guichet.identity.Access;
import io.guichet.inbox.ModuleFrames;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.web.StaffShell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The desk's live frames on {@code /ws/agent} (the inbox's port): {@code incident.created}, {@code incident.acknowledged},
 * {@code incident.outcome}, {@code incident.escalated}, to the helpdesk and to the faculty accounts of the incident's
 * faculty only ({@link DeskRecipients#receivesFrame}, asked with each recipient's rights as they are at delivery);
 * {@code call.ringing} to the one agent whose extension rings, and {@code callback.assigned} to the agent given a callback.
 */
public final class DeskFrames implements ModuleFrames {
    /** The console's pop of a ringing call and its notice of a callback given. */
    static final StaffShell.Assets CONSOLE = new StaffShell.Assets(List.of("/static/desk/calls.css"), List.of("/static/desk/calls.js"));

    private final DeskService desk;
    private final DeskCalls calls;
    private final Bus bus;

    public DeskFrames(DeskService desk, DeskCalls calls, Bus bus) {
        this.desk = desk;
        this.calls = calls;
        this.bus = bus;
    }

    @Override
    public StaffShell.Assets consoleAssets() {
        return CONSOLE;
    }

    @Override
    public void start(Consumer<Frame> deliver) {
        bus.subscribe(IncidentChanged.class, n -> desk.findLive(n.incidentId()).ifPresent(live -> {
            Incident i = live.incident();
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("type", "incident." + n.change());
            frame.put("incidentId", Long.toString(i.id()));
            frame.put("sittingId", Long.toString(i.sitting().id()));
            frame.put("state", i.state().key());
            frame.put("category", i.category().key());
            deliver.accept(new Frame(frame, staff -> DeskRecipients.receivesFrame(staff, live.facultyMembers())));
        }));
        bus.subscribe(CallRang.class, n -> calls.findPop(n.callId()).ifPresent(pop ->
                deliver.accept(new Frame(ringing(pop), staff -> staff.id() == pop.staffId() && Access.canRunDesk(staff)))));
        bus.subscribe(CallbackAssigned.class, n -> calls.queue().findCallback(n.callbackId()).ifPresent(c -> {
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("type", "callback.assigned");
            frame.put("callbackId", Long.toString(c.id()));
            frame.put("phone", c.phone());
            frame.put("source", c.source());
            frame.put("href", "/desk/callbacks");
            deliver.accept(new Frame(frame, staff -> staff.id() == n.staffId() && Access.canRunDesk(staff)));
        }));
    }

    /** The caller as the frame tells them (the console shows the pop's card from {@code popUrl}, in the agent's words). */
    static Map<String, Object> ringing(DeskCalls.Pop pop) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "call.ringing");
        frame.put("callId", pop.callId());
        frame.put("from", pop.from());
        Map<String, Object> contact = null;
        if (pop.contactId() != null) {
            contact = new LinkedHashMap<>();
            contact.put("id", Long.toString(pop.contactId()));
            contact.put("name", pop.contactName());
            contact.put("studentNumber", pop.studentNumber());
        }
        frame.put("contact", contact);
        frame.put("sittings", pop.runningSittings().stream().map(DeskFrames::sitting).toList());
        frame.put("incidents", pop.openIncidents().stream().map(i -> Map.of("id", Long.toString(i.id()), "course", i.sitting().courseCode(),
                "category", i.category().key(), "state", i.state().key())).toList());
        frame.put("popUrl", CallRoutes.popUrl(pop.callId()));
        frame.put("openIncident", CallRoutes.openIncidentUrl(pop.callId(), pop.contactId(), pop.studentNumber(), pop.runningSittings()));
        return frame;
    }

    private static Map<String, Object> sitting(Sitting s) {
        return Map.of("id", Long.toString(s.id()), "courseCode", s.courseCode(), "courseTitle", s.courseTitle(), "endsAt", s.endsAt().toString());
    }
}
