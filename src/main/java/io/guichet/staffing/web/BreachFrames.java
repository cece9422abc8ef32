package io.guichet.staffing.web;

import io.guichet.identity.Access;
import io.guichet.inbox.ModuleFrames;
import io.guichet.platform.bus.Bus;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServiceQueue;
import io.guichet.staffing.AnswerTargetMissed;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Staffing's live frame on {@code /ws/agent} (the inbox's port): {@code staffing.late} when a waiting conversation
 * passes its service's first-response target, to the leads only ({@link #RECEIVES}: who plans the staffing), not to
 * agents. Ids and the service's name, no personal data.
 */
public final class BreachFrames implements ModuleFrames {
    /** Who receives the frame, asked with each connected person's rights at delivery. */
    public static final Predicate<io.guichet.identity.Staff> RECEIVES = Access::canPlanStaffing;

    private final Bus bus;
    private final ServiceCatalogue services;

    public BreachFrames(Bus bus, ServiceCatalogue services) {
        this.bus = bus;
        this.services = services;
    }

    @Override
    public void start(Consumer<Frame> deliver) {
        bus.subscribe(AnswerTargetMissed.class, n -> {
            ServiceQueue s = services.findById(n.serviceId());
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("type", "staffing.late");
            frame.put("conversationId", Long.toString(n.conversationId()));
            frame.put("service", s.slug());
            frame.put("serviceName", Map.of("fr", s.name("fr"), "en", s.name("en")));
            frame.put("targetSeconds", n.targetSeconds());
            deliver.accept(new Frame(frame, RECEIVES));
        });
    }
}
