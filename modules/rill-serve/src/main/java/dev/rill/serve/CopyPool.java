package dev.rill.serve;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * At most {@code capacity} instances of something one thread at a time may use, each lent to one
 * caller and returned after. For DL4J networks this matters twice: {@code rnnTimeStep} (generation)
 * keeps the recurrent state inside the network and is not synchronized, so two requests on one network
 * would mix their states; and {@code output} (classify, tag) is {@code synchronized} in 1.0.0-M2.1, so
 * requests sharing one network would take turns on one core. Instances are made on first need, so a model that is never asked for
 * twice at once costs one copy. A caller that finds all copies lent waits up to {@code wait}, then
 * gets a 503 {@code busy}: a queue that never ends helps no one.
 *
 * @param <T> what is pooled
 */
final class CopyPool<T> {

    private final String what;
    private final Supplier<T> factory;
    private final int capacity;
    private final Duration wait;
    private final BlockingQueue<T> idle = new LinkedBlockingQueue<>();
    private final AtomicInteger made = new AtomicInteger();

    /**
     * @param what     names the pooled thing in the busy message ({@code "model 'sst2'"})
     * @param factory  makes a new instance; called at most {@code capacity} times
     */
    CopyPool(String what, Supplier<T> factory, int capacity, Duration wait) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.what = what;
        this.factory = factory;
        this.capacity = capacity;
        this.wait = wait;
    }

    /** Runs {@code work} with an instance no other thread holds meanwhile. */
    <R> R use(Function<T, R> work) {
        T instance = borrow();
        try {
            return work.apply(instance);
        } finally {
            idle.add(instance);
        }
    }

    /** Instances made so far (never more than the capacity). */
    int made() {
        return made.get();
    }

    private T borrow() {
        T instance = idle.poll();
        if (instance != null) {
            return instance;
        }
        if (reserveNew()) {
            try {
                return factory.get();
            } catch (RuntimeException | Error e) {
                made.decrementAndGet();
                throw e;
            }
        }
        try {
            instance = idle.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        if (instance == null) {
            throw busy();
        }
        return instance;
    }

    private boolean reserveNew() {
        while (true) {
            int n = made.get();
            if (n >= capacity) {
                return false;
            }
            if (made.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    private ApiError busy() {
        return new ApiError(503, "busy", null, "all " + capacity + " copies of " + what + " stayed busy for "
                + wait.toMillis() + " ms; retry later, or start the server with more --copies");
    }
}
