package org.cogateway.admin;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import org.apache.cxf.Bus;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngine;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.eclipse.jetty.server.Server;

/** Micrometer's own binders for what the gateway runs on: the JVM, the process, and its Jetty listeners. */
public final class PlatformMetrics {
    private PlatformMetrics() {
    }

    public static void bindTo(MeterRegistry registry) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // registers a GC listener for the life of the process; the gateway's registry lives as long
        new JvmGcMetrics().bindTo(registry);
    }

    /** The thread pool and connections of the main listener, which CXF's Jetty engine on {@code port} runs. */
    public static void bindJetty(MeterRegistry registry, String listener, Bus bus, int port) {
        JettyHTTPServerEngine engine = bus.getExtension(JettyHTTPServerEngineFactory.class)
                .retrieveJettyHTTPServerEngine(port);
        if (engine != null && engine.getServer() != null) {
            bindJetty(registry, listener, engine.getServer());
        }
    }

    static void bindJetty(MeterRegistry registry, String listener, Server server) {
        Tags tags = Tags.of("listener", listener);
        new JettyServerThreadPoolMetrics(server.getThreadPool(), tags).bindTo(registry);
        JettyConnectionMetrics.addToAllConnectors(server, registry, tags);
    }
}
