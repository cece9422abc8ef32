package io.guichet.platform.metrics;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

/**
 * One registry per node, scraped at {@code GET /metrics} in Prometheus text format. Modules record
 * their own figures (messages, assignments, sockets) on the registry they are given; this class adds
 * the JVM, the process and every HTTP request (by route template, so ids never explode the series).
 * The page is served to loopback callers, and to others only with the configured bearer token.
 */
public final class Metrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final String token;

    public Metrics(String token) {
        this.token = token;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void register(JavalinConfig config) {
        config.requestLogger.http(this::recordRequest);
        config.routes.get("/metrics", ctx -> {
            if (!mayRead(ctx)) {
                ctx.status(404);
                return;
            }
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
        });
    }

    private void recordRequest(Context ctx, Float millis) {
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        Timer.builder("http.server.requests")
                .tag("method", ctx.method().name())
                .tag("uri", endpoint == null ? "unmatched" : endpoint.path)
                .tag("status", Integer.toString(ctx.statusCode()))
                .publishPercentileHistogram()
                .register(registry)
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }

    /** Loopback callers, and others with the configured bearer token: also who sees {@code /health}'s details. */
    public boolean mayRead(Context ctx) {
        if (token != null && ("Bearer " + token).equals(ctx.header("Authorization"))) return true;
        try {
            // Behind a reverse proxy every caller looks local: a forwarded request needs the token.
            return ctx.header("X-Forwarded-For") == null && InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
