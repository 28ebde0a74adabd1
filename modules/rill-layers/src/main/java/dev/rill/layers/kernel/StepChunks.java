package dev.rill.layers.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Schedules the products outside a time loop (input projections before it, weight gradients after it) in chunks of
 * consecutive steps, interleaved with the loop.
 *
 * <p>The time loop is a chain: each step needs the one before, and its products are too small to keep two cores
 * busy. The products outside it are independent per chunk. So when the kernels have two cores ({@link KernelThreads}),
 * a helper thread does them, a chunk ahead of the loop in the forward pass (the loop only waits for the first chunk)
 * and a chunk behind it in the backward pass, with BLAS at one thread per caller meanwhile so that the two threads do
 * not compete for the cores. With one core the same chunks run in the same order on the calling thread, so results
 * are identical either way, and a chunk's products are done while its rows are still in cache.
 */
final class StepChunks {

    /** Steps x minibatch rows per chunk: large enough for efficient products, small enough to start early. */
    static final int ROWS_PER_CHUNK = 256;

    /** Work on the steps [from, to) of the sequence. */
    interface ChunkWork {
        void run(int from, int to);
    }

    /** One step of the time loop. */
    interface StepWork {
        void run(int t);
    }

    /** Shared by all kernels: DL4J runs one layer at a time. Daemon, so it never keeps a JVM alive. */
    private static final ExecutorService HELPER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rill-kernel-helper");
        t.setDaemon(true);
        return t;
    });

    private StepChunks() {
    }

    /** Steps per chunk for a minibatch of {@code batch} rows. */
    static int steps(int batch) {
        return Math.max(1, ROWS_PER_CHUNK / Math.max(1, batch));
    }

    /**
     * Forward pass: {@code produce} on every chunk in order, each before the steps that need it, and {@code step} for
     * t = 0 .. steps − 1.
     */
    static void forward(int steps, int batch, ChunkWork produce, StepWork step) {
        int size = steps(batch);
        Blas blas = Nd4j.factory().blas();
        int threads = blas.getMaxThreads();
        if (!KernelThreads.helper() || steps <= size) {
            for (int from = 0; from < steps; from += size) {
                produce.run(from, Math.min(steps, from + size));
                for (int t = from; t < Math.min(steps, from + size); t++) {
                    step.run(t);
                }
            }
            return;
        }
        blas.setMaxThreads(1);
        try {
            AtomicInteger produced = new AtomicInteger();   // chunks done
            Thread loop = Thread.currentThread();
            Future<?> helper = HELPER.submit(() -> {
                for (int from = 0; from < steps; from += size) {
                    produce.run(from, Math.min(steps, from + size));
                    produced.incrementAndGet();
                    LockSupport.unpark(loop);
                }
            });
            int chunks = (steps + size - 1) / size;
            boolean shared = true;   // BLAS still at one thread per caller
            for (int t = 0; t < steps; t++) {
                while (produced.get() <= t / size) {
                    if (helper.isDone()) {
                        await(helper);   // it stopped early: rethrows its exception
                    }
                    LockSupport.parkNanos(20_000);
                }
                if (shared && produced.get() == chunks) {
                    // The projections are done long before the loop: its products get all BLAS threads again.
                    await(helper);
                    blas.setMaxThreads(threads);
                    shared = false;
                }
                step.run(t);
            }
            await(helper);
        } finally {
            blas.setMaxThreads(threads);
        }
    }

    /**
     * Backward pass: {@code step} for t = steps − 1 down to {@code end}, and {@code consume} on every chunk of
     * [end, steps) once its steps are done, highest chunk first.
     */
    static void backward(int steps, int end, int batch, ChunkWork consume, StepWork step) {
        int size = steps(batch);
        Blas blas = Nd4j.factory().blas();
        int threads = blas.getMaxThreads();
        boolean helped = KernelThreads.helper() && steps - end > size;
        if (helped) {
            blas.setMaxThreads(1);
        }
        try {
            List<Future<?>> pending = new ArrayList<>();
            int to = steps;
            for (int t = steps - 1; t >= end; t--) {
                step.run(t);
                if (t % size == 0 || t == end) {
                    int from = t;
                    int until = to;
                    if (helped) {
                        pending.add(HELPER.submit(() -> consume.run(from, until)));
                    } else {
                        consume.run(from, until);
                    }
                    to = t;
                }
            }
            for (Future<?> f : pending) {
                await(f);
            }
        } finally {
            if (helped) {
                blas.setMaxThreads(threads);
            }
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the kernel helper thread was working", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("kernel helper thread failed", e.getCause());
        }
    }
}
