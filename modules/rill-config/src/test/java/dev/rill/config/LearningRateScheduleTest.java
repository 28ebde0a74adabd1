package dev.rill.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each schedule's rates over a run, worked out by hand from the formulas in {@link LearningRateSchedule}. */
class LearningRateScheduleTest {

    private static double[] rates(LearningRateSchedule schedule, double base, int epochs) {
        return IntStream.rangeClosed(1, epochs).mapToDouble(e -> schedule.rate(base, e, epochs)).toArray();
    }

    @Test
    void constant_keeps_the_rate() {
        assertArrayEquals(new double[] {0.1, 0.1, 0.1}, rates(new LearningRateSchedule.Constant(), 0.1, 3));
    }

    @Test
    void step_multiplies_by_gamma_every_n_epochs() {
        assertArrayEquals(new double[] {1, 1, 0.5, 0.5, 0.25}, rates(new LearningRateSchedule.Step(2, 0.5), 1, 5), 1e-15);
        assertArrayEquals(new double[] {8, 4, 2}, rates(new LearningRateSchedule.Step(1, 0.5), 8, 3), 1e-15);
    }

    @Test
    void exponential_multiplies_by_gamma_every_epoch() {
        assertArrayEquals(new double[] {2, 1.8, 1.62, 1.458}, rates(new LearningRateSchedule.Exponential(0.9), 2, 4), 1e-12);
    }

    @Test
    void cosine_falls_from_the_rate_towards_min_lr() {
        // 4 epochs, no warmup: cos(0), cos(pi/4), cos(pi/2), cos(3pi/4) -> (1 + c) / 2 = 1, 0.853553, 0.5, 0.146447
        assertArrayEquals(new double[] {1, 0.8535533905932737, 0.5, 0.14644660940672627},
                rates(new LearningRateSchedule.Cosine(0, 0), 1, 4), 1e-12);
        // min_lr 0.2: 0.2 + 0.8 * the same
        assertArrayEquals(new double[] {1, 0.882842712474619, 0.6, 0.31715728752538},
                rates(new LearningRateSchedule.Cosine(0, 0.2), 1, 4), 1e-12);
    }

    @Test
    void cosine_warms_up_linearly_then_starts_at_the_full_rate() {
        // warmup 2 of 4 epochs: 1/3, 2/3, then the cosine over the 2 epochs left: 1, 0.5
        assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3, 1, 0.5}, rates(new LearningRateSchedule.Cosine(2, 0), 1, 4), 1e-12);
    }
}
