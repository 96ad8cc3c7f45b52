package org.cogateway.bench;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.cogateway.cli.BackOfficeCaller;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.GatewayFault;
import org.cogateway.contract.backoffice.GetDeliveryStatusRequest;
import org.cogateway.contract.backoffice.GetDeliveryStatusResponse;
import org.cogateway.contract.backoffice.HistoryEntryType;
import org.cogateway.contract.backoffice.TransmissionStateType;

/**
 * The COs of one run, by index: when each was submitted, its tracking id, and, once the sending
 * gateway says so over {@code GetDeliveryStatus} (as an issuing body would ask), when it became
 * DELIVERED (the gateway moves it there only after verifying the partner's signed receipt and its
 * digests) and in how many attempts. One thread walks the COs in submission order ({@link #follow}):
 * it asks about the first CO not known to be delivered until it is, then moves on, so each CO is
 * asked about about once and the walk's position is the run's progress.
 */
final class Deliveries {
    private final String[] trackingIds;
    private final long[] submittedMicros;
    private final long[] deliveredMicros;
    private final int[] attempts;
    private final boolean[] refused;
    private final AtomicInteger followed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile boolean stop;

    Deliveries(int count) {
        trackingIds = new String[count];
        submittedMicros = new long[count];
        deliveredMicros = new long[count];
        attempts = new int[count];
        refused = new boolean[count];
    }

    int count() {
        return trackingIds.length;
    }

    synchronized void submitted(int index, Instant at, String trackingId) {
        submittedMicros[index] = micros(at);
        trackingIds[index] = trackingId;
    }

    /** The gateway refused the submission: nothing to follow for this CO. */
    synchronized void refused(int index) {
        refused[index] = true;
    }

    /** How many COs, from the first, are known to be delivered (or FAILED, or refused at submission). */
    int settled() {
        return followed.get();
    }

    int failed() {
        return failed.get();
    }

    synchronized int refusedCount() {
        int n = 0;
        for (boolean r : refused) {
            n += r ? 1 : 0;
        }
        return n;
    }

    void stop() {
        stop = true;
    }

    /** Walks the COs until every one is settled or {@link #stop()} is called; run on its own thread. */
    void follow(String baseUrl, String user, String password) {
        CertificateOfOriginPortType port = BackOfficeCaller.port(baseUrl, user, password);
        while (!stop && followed.get() < count()) {
            int i = followed.get();
            String trackingId;
            synchronized (this) {
                trackingId = trackingIds[i];
                if (refused[i]) {
                    followed.incrementAndGet();
                    continue;
                }
            }
            if (trackingId == null || !settle(port, i, trackingId)) {
                pause();
            } else {
                followed.incrementAndGet();
            }
        }
    }

    private boolean settle(CertificateOfOriginPortType port, int index, String trackingId) {
        GetDeliveryStatusRequest request = new GetDeliveryStatusRequest();
        request.setTrackingId(trackingId);
        GetDeliveryStatusResponse status;
        try {
            status = port.getDeliveryStatus(request);
        } catch (GatewayFault | RuntimeException e) {
            // a busy gateway may time a call out; ask again
            return false;
        }
        TransmissionStateType state = status.getTransmission().getState();
        if (state == TransmissionStateType.FAILED || state == TransmissionStateType.REJECTED) {
            failed.incrementAndGet();
            return true;
        }
        for (HistoryEntryType entry : status.getHistory()) {
            if (entry.getState() == TransmissionStateType.DELIVERED) {
                synchronized (this) {
                    deliveredMicros[index] = micros(entry.getAt().toGregorianCalendar().toInstant());
                    attempts[index] = status.getTransmission().getAttempts();
                }
                return true;
            }
        }
        return false;
    }

    /** Submit → DELIVERED of every delivered CO, in milliseconds, sorted. */
    synchronized long[] deliveryLatenciesMillis() {
        return Arrays.stream(indexesDelivered()).mapToLong(i -> (deliveredMicros[i] - submittedMicros[i]) / 1000)
                .sorted().toArray();
    }

    /** When each delivered CO became DELIVERED, in epoch microseconds, sorted. */
    synchronized long[] deliveryTimesMicros() {
        return Arrays.stream(indexesDelivered()).mapToLong(i -> deliveredMicros[i]).sorted().toArray();
    }

    synchronized long firstSubmittedMicros() {
        return Arrays.stream(submittedMicros).filter(t -> t > 0).min().orElse(0);
    }

    synchronized double attemptsPerDelivered() {
        int[] delivered = indexesDelivered();
        return delivered.length == 0 ? 0 : Arrays.stream(delivered).map(i -> attempts[i]).sum() / (double) delivered.length;
    }

    private int[] indexesDelivered() {
        return java.util.stream.IntStream.range(0, count()).filter(i -> deliveredMicros[i] > 0).toArray();
    }

    static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
