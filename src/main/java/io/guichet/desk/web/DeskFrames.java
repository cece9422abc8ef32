package io.guichet.desk.web;

import io.guichet.desk.DeskService;
import io.guichet.desk.IncidentChanged;
import io.guichet.desk.Incident;
import io.guichet.desk.DeskRecipients;
import io.guichet.inbox.ModuleFrames;
import io.guichet.platform.bus.Bus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The desk's live frames on {@code /ws/agent} (the inbox's port): {@code incident.created}, {@code incident.acknowledged},
 * {@code incident.outcome}, {@code incident.escalated}, to the helpdesk and to the faculty accounts of the incident's
 * faculty only ({@link DeskRecipients#receivesFrame}, asked with each recipient's rights as they are at delivery).
 */
public final class DeskFrames implements ModuleFrames {
    private final DeskService desk;
    private final Bus bus;

    public DeskFrames(DeskService desk, Bus bus) {
        this.desk = desk;
        this.bus = bus;
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
    }
}
