package dev.rill.notebooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Kernel magics: lines of a code cell that start with {@code %}, which the Java kernels (JJava,
 * IJava) interpret themselves and JShell would not compile.
 *
 * <p>Class path magics ({@code %jars}, {@code %classpath}, {@code %maven} and their aliases) tell
 * the kernel where to find classes. The runner's JShell already has the class path of the freshly
 * built modules, so these lines are skipped: resolving them instead would put whatever jars an
 * earlier {@code mvn package} left in {@code target/} ahead of the classes under test. Every other
 * magic ({@code %load}, cell magics such as {@code %%loadFromPOM}, ...) cannot be stood in for and
 * fails the run, so no notebook is reported as working while part of it was never executed.
 *
 * <p>As in JJava, a line is a magic when its first non-blank character is {@code %}, wherever it
 * is; a Java line never starts that way except inside a text block or a wrapped {@code a % b}.
 */
final class KernelMagics {

    /** Magics that only add to the class path: JJava's names and aliases (IJava's are a subset). */
    static final Set<String> CLASS_PATH = Set.of("jars", "classpath", "maven", "addMavenDependency", "addMavenDependencies",
            "mavenRepo", "addMavenRepo", "loadFromPOM");

    private KernelMagics() {
    }

    /**
     * A cell's code with its magic lines blanked (so line numbers stay those of the cell).
     *
     * @param code        what JShell evaluates
     * @param skipped     the class path magics that were blanked, as written
     * @param unsupported the first magic that cannot be stood in for, or null
     * @param line        1-based line of {@code unsupported} in the cell (0 when there is none)
     */
    record Stripped(String code, List<String> skipped, String unsupported, int line) {
    }

    static Stripped strip(String source) {
        String[] lines = source.split("\n", -1);
        List<String> skipped = new ArrayList<>();
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].strip();
            if (trimmed.startsWith("%")) {
                String name = trimmed.replaceFirst("^%+", "").split("\\s+", 2)[0];
                if (trimmed.startsWith("%%") || !CLASS_PATH.contains(name)) {
                    return new Stripped(null, skipped, trimmed, i + 1);
                }
                skipped.add(trimmed);
                lines[i] = "";
            }
            code.append(lines[i]);
            if (i < lines.length - 1) {
                code.append('\n');
            }
        }
        return new Stripped(code.toString(), List.copyOf(skipped), null, 0);
    }
}
