package dev.rill.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The header every benchmark report carries: machine, date, command, thread settings. */
final class Machine {

    private Machine() {
    }

    static String describe(String command) {
        return "- date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n"
                + "- machine: " + cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + memoryGiB() + " GiB RAM, " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "\n"
                + "- java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + "\n"
                + "- threads: OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + "\n"
                + "- command: `" + command + "`\n";
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static long memoryGiB() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / (1024 * 1024))
                    .findFirst().orElse(0L);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
