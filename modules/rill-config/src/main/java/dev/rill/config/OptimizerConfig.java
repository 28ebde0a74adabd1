package dev.rill.config;

import java.util.Objects;

/**
 * The update rule.
 *
 * @param type         adam | sgd | nesterovs | rmsprop
 * @param learningRate step size (&gt; 0)
 * @param momentum     momentum for nesterovs (ignored by the others), in [0, 1)
 * @param weightDecay  L2 penalty on weights (&gt;= 0)
 */
public record OptimizerConfig(OptimizerType type, double learningRate, double momentum, double weightDecay) {

    public OptimizerConfig {
        Objects.requireNonNull(type, "type");
    }

    /** Update rules, named in YAML by {@link #yamlName()}. */
    public enum OptimizerType {
        ADAM("adam"), SGD("sgd"), NESTEROVS("nesterovs"), RMSPROP("rmsprop");

        private final String yamlName;

        OptimizerType(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }
}
