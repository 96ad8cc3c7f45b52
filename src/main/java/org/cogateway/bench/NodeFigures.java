package org.cogateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a gateway JVM used, read from outside it: CPU time from the operating system
 * ({@link ProcessHandle.Info#totalCpuDuration()}), resident memory from {@code /proc/<pid>/status}
 * (VmRSS now, VmHWM its peak) and heap from its unified GC log ({@code -Xlog:gc:file=...}, which
 * costs the node nothing measurable): the heap in use before each collection (its peak) and after
 * it (what is live).
 */
final class NodeFigures {
    /** {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 150M->30M(256M) 3.456ms} */
    private static final Pattern COLLECTION = Pattern.compile("GC\\(\\d+\\) Pause.* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final GatewayProcess node;
    private final Path gcLog;

    NodeFigures(GatewayProcess node, Path gcLog) {
        this.node = node;
        this.gcLog = gcLog;
    }

    /** The JVM options that make the GC log this reads. */
    static List<String> gcLogOptions(Path gcLog) {
        return List.of("-Xlog:gc:file=" + gcLog + "::filecount=0");
    }

    String name() {
        return node.name();
    }

    /** CPU time (user + system) the node's JVM has used since it started. */
    Duration cpu() {
        return node.handle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Resident memory now, in MiB. */
    long rssMib() {
        return status("VmRSS");
    }

    /** The highest resident memory so far, in MiB. */
    long peakRssMib() {
        return status("VmHWM");
    }

    /** Heap figures from the GC log so far; zeros before the first collection. */
    Heap heap() {
        long peak = 0;
        long lastLive = 0;
        long maxLive = 0;
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = COLLECTION.matcher(line);
                if (m.find()) {
                    peak = Math.max(peak, Long.parseLong(m.group(1)));
                    lastLive = Long.parseLong(m.group(2));
                    maxLive = Math.max(maxLive, lastLive);
                }
            }
        } catch (IOException e) {
            // not written yet
        }
        return new Heap(peak, lastLive, maxLive);
    }

    /**
     * @param peakUsedMib the most heap in use (just before a collection)
     * @param liveMib     in use after the latest collection
     * @param maxLiveMib  the most in use after any collection: what the node really keeps
     */
    record Heap(long peakUsedMib, long liveMib, long maxLiveMib) {
    }

    private long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(node.handle().pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    // "VmRSS:    123456 kB"
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // not Linux, or the process has ended
        }
        return -1;
    }
}
