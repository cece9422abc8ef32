package io.guichet.alerts.web;

import io.guichet.alerts.Alert;
import io.guichet.alerts.AlertChanged;
import io.guichet.alerts.AlertService;
import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.inbox.ModuleFrames;
import io.guichet.platform.bus.Bus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The alerts' frames on {@code /ws/agent} (the inbox's port): {@code alert.drafted} to everyone who may approve the new
 * draft — its author not, unless its template may be sent alone — so the second person is told at once; and
 * {@code alert.sent}, {@code alert.updated}, {@code alert.closed}, {@code alert.opened}, {@code alert.answered} to those who
 * may follow alerts (the dashboard asks its counts again on each: {@code static/alerts/staff.js}).
 * Ids and the short French and English texts only, never a person's answer.
 */
public final class AlertFrames implements ModuleFrames {
    private final AlertService alerts;
    private final Bus bus;

    public AlertFrames(AlertService alerts, Bus bus) {
        this.alerts = alerts;
        this.bus = bus;
    }

    @Override
    public void start(Consumer<Frame> deliver) {
        bus.subscribe(AlertChanged.class, n -> {
            Alert a = alerts.accessAlert(Staff.SYSTEM, n.alertId());
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("type", "alert." + n.change());
            frame.put("alertId", Long.toString(a.id()));
            frame.put("status", a.status().code());
            frame.put("short", Map.of("fr", a.texts().fr().shortText(), "en", a.texts().en().shortText()));
            frame.put("href", "/alerts/" + a.id());
            if ("drafted".equals(n.change())) {
                deliver.accept(new Frame(frame, staff -> AlertService.toldOfDraft(staff, a.createdBy(), a.singlePersonTemplate())));
            } else {
                deliver.accept(new Frame(frame, Access::canDraftAlerts));
            }
        });
    }
}
