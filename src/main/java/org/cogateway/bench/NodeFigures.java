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
 * costs the node nothing measurable): the heap in use before each collection (its peak), after it,
 * and after the collections of the old generation (what is live). For a gateway the bench did not start ({@code bench --target}) only what the
 * operating system tells about a given process id can be read: CPU and resident memory, no heap (there
 * is no GC log); without a process id, nothing (each figure is then "not measured").
 */
final class NodeFigures {
    /** {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 150M->30M(256M) 3.456ms} */
    private static final Pattern COLLECTION = Pattern.compile("GC\\(\\d+\\) Pause.* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final String name;
    private final java.util.function.Supplier<java.util.Optional<ProcessHandle>> process;
    private final Path gcLog;

    NodeFigures(GatewayProcess node, Path gcLog) {
        this(node.name(), () -> java.util.Optional.of(node.handle()), gcLog);
    }

    private NodeFigures(String name, java.util.function.Supplier<java.util.Optional<ProcessHandle>> process, Path gcLog) {
        this.name = name;
        this.process = process;
        this.gcLog = gcLog;
    }

    /** A running gateway the bench did not start: its process on this machine, if its id is known (else null). */
    static NodeFigures ofRunning(String name, Long pid) {
        java.util.Optional<ProcessHandle> handle = pid == null ? java.util.Optional.empty() : ProcessHandle.of(pid);
        if (pid != null && handle.isEmpty()) {
            throw new IllegalArgumentException("no process " + pid + " on this machine (" + name + ")");
        }
        return new NodeFigures(name, () -> handle, null);
    }

    /** Whether CPU and resident memory are known: the process is on this machine and its id was given. */
    boolean measured() {
        return process.get().isPresent();
    }

    /** Whether heap figures are known: only for a JVM the bench started with a GC log. */
    boolean heapMeasured() {
        return gcLog != null;
    }

    /** The JVM options that make the GC log this reads. */
    static List<String> gcLogOptions(Path gcLog) {
        return List.of("-Xlog:gc:file=" + gcLog + "::filecount=0");
    }

    String name() {
        return name;
    }

    /** CPU time (user + system) the node's JVM has used since it started. */
    Duration cpu() {
        return process.get().flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** Resident memory now, in MiB. */
    long rssMib() {
        return status("VmRSS");
    }

    /** The highest resident memory so far, in MiB. */
    long peakRssMib() {
        return status("VmHWM");
    }

    /**
     * Heap figures from the GC log so far; zeros before the first collection. What a young collection
     * leaves is not what the node keeps: G1 collects the old generation only once it fills to its
     * initiating occupancy (45 % of the maximum heap), so until then every young collection leaves the
     * old generation's garbage in the heap (a drain on H2 showed 413 MiB "after GC" where a full
     * collection left 46 MiB). What is live is read after the old generation was collected: the lowest
     * heap of each series of mixed collections, and each full collection.
     */
    Heap heap() {
        if (gcLog == null) {
            return Heap.of(List.of());
        }
        try {
            return Heap.of(Files.readAllLines(gcLog));
        } catch (IOException e) {
            // not written yet
            return Heap.of(List.of());
        }
    }

    /**
     * @param peakUsedMib  the most heap in use (just before a collection)
     * @param afterGcMib   in use after the latest collection of any kind
     * @param maxAfterGcMib the most in use after any collection (young ones included: an upper bound only)
     * @param liveMib      what the latest collection of the old generation left: what the node keeps;
     *                     -1 when the old generation was never collected (it stayed under G1's threshold)
     * @param maxLiveMib   the most any collection of the old generation left; -1 as for liveMib
     * @param fullCollections how many full collections ran (G1 runs one when the heap is nearly full)
     */
    record Heap(long peakUsedMib, long afterGcMib, long maxAfterGcMib, long liveMib, long maxLiveMib,
                int fullCollections) {
        /** The figures of a unified GC log's lines ({@code -Xlog:gc}). */
        static Heap of(List<String> gcLog) {
            long peak = 0;
            long afterLast = 0;
            long maxAfter = 0;
            long live = -1;
            long maxLive = -1;
            long series = -1;
            int full = 0;
            for (String line : gcLog) {
                Matcher m = COLLECTION.matcher(line);
                if (!m.find()) {
                    continue;
                }
                peak = Math.max(peak, Long.parseLong(m.group(1)));
                afterLast = Long.parseLong(m.group(2));
                maxAfter = Math.max(maxAfter, afterLast);
                boolean isFull = line.contains("Pause Full");
                full += isFull ? 1 : 0;
                if (isFull || line.contains("Pause Young (Mixed)")) {
                    series = series < 0 ? afterLast : Math.min(series, afterLast);
                } else if (series >= 0) {
                    live = series;
                    maxLive = Math.max(maxLive, series);
                    series = -1;
                }
            }
            if (series >= 0) {
                live = series;
                maxLive = Math.max(maxLive, series);
            }
            return new Heap(peak, afterLast, maxAfter, live, maxLive, full);
        }

        /** "46 MiB", or what says the old generation was never collected. */
        static String mib(long value) {
            return value < 0 ? "old generation not collected yet" : value + " MiB";
        }
    }

    private long status(String field) {
        if (!measured()) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.get().get().pid()), "status"))) {
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
