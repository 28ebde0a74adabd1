package dev.rill.serve;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CopyPoolTest {

    /** A pooled thing that notices when two threads hold it at once. */
    static final class Slot {
        final AtomicBoolean held = new AtomicBoolean();
    }

    @Test
    void never_makes_more_than_its_capacity_and_never_lends_one_instance_twice() throws Exception {
        AtomicInteger made = new AtomicInteger();
        CopyPool<Slot> pool = new CopyPool<>("test", () -> {
            made.incrementAndGet();
            return new Slot();
        }, 3, Duration.ofSeconds(30));
        List<String> shared = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        for (int i = 0; i < 400; i++) {
            threads.submit(() -> pool.use(slot -> {
                if (!slot.held.compareAndSet(false, true)) {
                    shared.add("held twice");
                }
                Thread.onSpinWait();
                slot.held.set(false);
                return null;
            }));
        }
        threads.shutdown();
        assertTrue(threads.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(List.of(), shared);
        assertTrue(made.get() >= 1 && made.get() <= 3, "made " + made.get());
        assertEquals(made.get(), pool.made());
    }

    @Test
    void makes_copies_only_when_needed() {
        CopyPool<Slot> pool = new CopyPool<>("test", Slot::new, 4, Duration.ofSeconds(1));
        for (int i = 0; i < 10; i++) {
            pool.use(s -> s);
        }
        assertEquals(1, pool.made(), "one caller at a time needs one copy");
    }

    @Test
    void a_caller_waits_for_a_copy_then_gives_up_with_busy() throws Exception {
        CopyPool<Slot> pool = new CopyPool<>("model 'x'", Slot::new, 1, Duration.ofMillis(200));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> pool.use(s -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return s;
        }));
        holder.start();
        holding.await();
        long start = System.nanoTime();
        ApiError busy = assertThrows(ApiError.class, () -> pool.use(s -> s));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(190));
        assertEquals(503, busy.status());
        assertEquals("busy", busy.code());
        assertEquals("all 1 copies of model 'x' stayed busy for 200 ms; retry later, or start the server with more --copies", busy.getMessage());
        release.countDown();
        holder.join();
        pool.use(s -> s);   // the copy came back
    }

    @Test
    void a_copy_that_fails_to_be_made_does_not_use_up_the_capacity() {
        AtomicInteger calls = new AtomicInteger();
        CopyPool<Slot> pool = new CopyPool<>("test", () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("out of memory, say");
            }
            return new Slot();
        }, 1, Duration.ofMillis(100));
        assertThrows(IllegalStateException.class, () -> pool.use(s -> s));
        pool.use(s -> s);
        assertEquals(1, pool.made());
    }

    @Test
    void an_instance_comes_back_even_when_the_work_fails() {
        CopyPool<Slot> pool = new CopyPool<>("test", Slot::new, 1, Duration.ofMillis(100));
        assertThrows(IllegalStateException.class, () -> pool.use(s -> {
            throw new IllegalStateException("client went away");
        }));
        pool.use(s -> s);
    }
}
