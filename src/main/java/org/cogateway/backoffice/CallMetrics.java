package org.cogateway.backoffice;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.cogateway.contract.backoffice.GatewayFault;

/**
 * Back-office calls on the metrics endpoint: {@code cogateway.backoffice.calls} timed by operation
 * and outcome ({@code ok}, the fault's code such as {@code VALIDATION_FAILED}, or {@code fault} when
 * the request was refused before it reached an operation). One interceptor notes the start when the
 * request arrives; the other records when the answer or the fault is sent.
 */
final class CallMetrics {
    private static final String STARTED = CallMetrics.class.getName() + ".started";
    private final MeterRegistry registry;

    CallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    AbstractPhaseInterceptor<Message> start() {
        return new AbstractPhaseInterceptor<>(Phase.RECEIVE) {
            @Override
            public void handleMessage(Message message) {
                message.getExchange().put(STARTED, System.nanoTime());
            }
        };
    }

    /** For the out chain and the out-fault chain. */
    AbstractPhaseInterceptor<Message> end() {
        return new AbstractPhaseInterceptor<>(Phase.PREPARE_SEND) {
            @Override
            public void handleMessage(Message message) {
                Exchange exchange = message.getExchange();
                Long started = (Long) exchange.get(STARTED);
                if (started == null) {
                    return;
                }
                exchange.remove(STARTED);
                String operation = exchange.getBindingOperationInfo() == null ? "unknown"
                        : exchange.getBindingOperationInfo().getName().getLocalPart();
                Timer.builder("cogateway.backoffice.calls")
                        .description("back-office SOAP calls by operation and outcome")
                        .tag("operation", operation)
                        .tag("outcome", outcome(message.getContent(Exception.class)))
                        .register(registry)
                        .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        };
    }

    private static String outcome(Exception e) {
        if (e == null) {
            return "ok";
        }
        Throwable cause = e instanceof Fault && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof GatewayFault fault && fault.getFaultInfo() != null && fault.getFaultInfo().getCode() != null) {
            return String.valueOf(fault.getFaultInfo().getCode());
        }
        return "fault";
    }
}
