package org.cogateway.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The same call from several threads released at once, as retrying back-office systems would make it. */
public final class Parallel {
    private Parallel() {
    }

    /** Runs {@code call} in {@code n} threads released together; returns what each answered. */
    public static <T> List<T> run(int n, Callable<T> call) throws Exception {
        CyclicBarrier together = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            Callable<T> released = () -> {
                together.await(30, TimeUnit.SECONDS);
                return call.call();
            };
            List<T> answers = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(Collections.nCopies(n, released))) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
