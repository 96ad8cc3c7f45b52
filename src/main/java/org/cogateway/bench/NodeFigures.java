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
 * it (what is live). For a gateway the bench did not start ({@code bench --target}) only what the
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

    /** Heap figures from the GC log so far; zeros before the first collection. */
    Heap heap() {
        long peak = 0;
        long lastLive = 0;
        long maxLive = 0;
        if (gcLog == null) {
            return new Heap(0, 0, 0);
        }
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
