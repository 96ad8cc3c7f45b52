package org.cogateway.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.cogateway.cli.BackOfficeCaller;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.SubmitCertificateRequest;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.document.CertificateDocuments;

/**
 * Issuing-body clients submitting COs over the back-office SOAP API, each on its own SOAP port with
 * a UsernameToken. Closed loop: {@code threads} clients, each submitting the next CO as soon as the
 * last was answered. Open loop: COs are due at a fixed offered rate, CO {@code i} at start + i / rate,
 * and its latency is measured from that due time, not from when a client got to it, so a gateway
 * that stalls is charged for the whole wait (no coordinated omission) as long as the clients are
 * enough for the rate.
 */
final class Submitter {
    private final String baseUrl;
    private final String user;
    private final String password;
    private final String templateXml;
    private final String numberPrefix;
    private final CertificateDocuments documents = new CertificateDocuments();

    /**
     * @param template     the CO submitted, under the number {@code numberPrefix + index}
     */
    Submitter(String baseUrl, String user, String password, CertificateOfOriginType template, String numberPrefix) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
        this.templateXml = documents.certificateToXml(template);
        this.numberPrefix = numberPrefix;
    }

    /**
     * Submits COs {@code 0 .. deliveries.count() - 1} and returns each one's submit latency in
     * nanoseconds (of those the gateway accepted).
     *
     * @param rate COs per second offered; 0 for the closed loop
     */
    long[] submitAll(Deliveries deliveries, int threads, double rate) throws InterruptedException {
        int count = deliveries.count();
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicLong refusals = new AtomicLong();
        long startNanos = System.nanoTime();
        Instant start = Instant.now();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread client = new Thread(() -> {
                CertificateOfOriginPortType port = BackOfficeCaller.port(baseUrl, user, password);
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    long due = rate > 0 ? startNanos + (long) (i * 1e9 / rate) : System.nanoTime();
                    sleepUntil(due);
                    Instant submittedAt = start.plusNanos(due - startNanos);
                    try {
                        String trackingId = port.submitCertificate(request(i)).getReceipt().getTrackingId();
                        latencies[i] = System.nanoTime() - due;
                        deliveries.submitted(i, submittedAt, trackingId);
                    } catch (Exception e) {
                        if (refusals.incrementAndGet() <= 3) {
                            System.out.println("submission " + i + " refused: " + e);
                        }
                        deliveries.refused(i);
                    }
                }
            }, "bench-client-" + t);
            clients.add(client);
            client.start();
        }
        for (Thread client : clients) {
            client.join();
        }
        return java.util.Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
    }

    private SubmitCertificateRequest request(int index) {
        CertificateOfOriginType co = documents.certificateFromXml(templateXml);
        co.setCertificateNumber(numberPrefix + index);
        SubmitCertificateRequest request = new SubmitCertificateRequest();
        request.setCertificateOfOrigin(co);
        return request;
    }

    private static void sleepUntil(long nanos) {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
