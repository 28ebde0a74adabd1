package dev.rill.engine;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Exact crash points for the tests that kill a training process (SIGKILL) and resume it. A system
 * property makes the trainer stop at a given step and wait to be killed, so a test does not race
 * the training it wants to interrupt:
 * <ul>
 *   <li>{@value #PAUSE_AFTER_STEP}{@code =N}: after minibatch N (and its checkpoint, if any) is done;</li>
 *   <li>{@value #STALL_CHECKPOINT_AT_STEP}{@code =N}: halfway through writing the checkpoint of step N,
 *       with half its bytes in the temporary file.</li>
 * </ul>
 * Either prints {@code rill: fault injection: ...} on stderr, then sleeps until killed. Without the
 * properties (always, outside those tests) nothing happens.
 */
final class FaultInjection {

    static final String PAUSE_AFTER_STEP = "rill.fault.pause_after_step";
    static final String STALL_CHECKPOINT_AT_STEP = "rill.fault.stall_checkpoint_at_step";

    private FaultInjection() {
    }

    static void afterStep(long step) {
        if (at(PAUSE_AFTER_STEP, step)) {
            hang("paused after step " + step);
        }
    }

    /** Writes a checkpoint's bytes, or half of them and hangs when the test asks for it at this step. */
    static void writeCheckpoint(OutputStream out, byte[] bytes, long step) throws IOException {
        if (at(STALL_CHECKPOINT_AT_STEP, step)) {
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            hang("stalled writing the checkpoint of step " + step);
        }
        out.write(bytes);
    }

    private static boolean at(String property, long step) {
        String value = System.getProperty(property);
        return value != null && Long.parseLong(value.strip()) == step;
    }

    private static void hang(String what) {
        System.err.println("rill: fault injection: " + what);
        System.err.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("fault injection interrupted", e);
            }
        }
    }
}
