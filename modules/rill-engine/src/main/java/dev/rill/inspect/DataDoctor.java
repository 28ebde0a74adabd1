package dev.rill.inspect;

import dev.rill.config.RillConfig;
import dev.rill.corpus.CorpusStore;
import dev.rill.text.DataException;
import dev.rill.text.LabelSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scans a config's data the way training reads it ({@link DataScan}) and reports what would make
 * training fail (errors) and what is merely worth a look (warnings): the out-of-vocabulary rate of
 * dev/test for the configured vocabulary, lengths, label balance, texts shared between splits,
 * empty examples, malformed rows.
 */
public final class DataDoctor {

    /** A class rarer than this share of the training examples (or tokens) is warned about. */
    static final double RARE = 0.01;
    /** An evaluation split with more unknown tokens than this share is warned about. */
    static final double HIGH_OOV = 0.10;
    /** Examples quoted per finding. */
    static final int SHOWN = 3;

    private DataDoctor() {
    }

    /** Examines the data {@code config} trains on. */
    public static DoctorReport examine(RillConfig config, CorpusStore store) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        DataScan scan;
        try {
            scan = DataScan.read(config, store);
        } catch (DataException e) {
            errors.add(e.getMessage());
            return new DoctorReport(errors, warnings, List.of(), null, Map.of(), List.of());
        }
        ScannedSplit train = scan.train();
        List<ScannedSplit> splits = new ArrayList<>(List.of(train));
        for (String name : List.of("dev", "test")) {
            try {
                scan.split(name).ifPresent(splits::add);
            } catch (DataException e) {
                errors.add(e.getMessage());
            }
        }
        Optional<LabelSet> labels = labelSet(scan, errors);
        List<DoctorReport.SplitSummary> summaries = new ArrayList<>();
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        List<DoctorReport.Duplicates> duplicates = new ArrayList<>();
        Map<String, List<ScannedExample>> trainTexts = byText(train);
        for (ScannedSplit split : splits) {
            summaries.add(summary(split));
            counts.put(split.name(), labelCounts(split));
            empties(split, warnings);
            if (split != train) {
                labels.ifPresent(l -> unseenLabels(split, l, errors));
                oov(split, warnings);
                duplicates.add(duplicates(split, train, trainTexts, warnings));
            }
        }
        rareLabels(counts.get("train"), warnings);
        conflictingLabels(train, trainTexts, warnings);
        int[] full = train.examples().stream().mapToInt(ScannedExample::fullLength).toArray();
        LengthProfile lengths = LengthProfile.of(train.lengths(), full, config.training().batchSize(), config.training().seed());
        return new DoctorReport(errors, warnings, summaries, lengths, counts, duplicates);
    }

    private static Optional<LabelSet> labelSet(DataScan scan, List<String> errors) {
        try {
            return Optional.of(scan.labels());
        } catch (DataException e) {
            errors.add(e.getMessage());
            return Optional.empty();
        }
    }

    private static DoctorReport.SplitSummary summary(ScannedSplit split) {
        int empty = (int) split.examples().stream().filter(e -> e.length() == 0).count();
        return new DoctorReport.SplitSummary(split.name(), split.file(), split.examples().size(), split.tokens(), split.unknownTokens(), empty);
    }

    /** Label (or tag) counts, most frequent first, ties by name. */
    private static Map<String, Long> labelCounts(ScannedSplit split) {
        Map<String, Long> counts = new HashMap<>();
        split.examples().forEach(e -> e.labels().forEach(l -> counts.merge(l, 1L, Long::sum)));
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** A label training never saw is an error at training time (ClassificationData/TaggingData reject it): one per label. */
    private static void unseenLabels(ScannedSplit split, LabelSet labels, List<String> errors) {
        Set<String> reported = new TreeSet<>();
        for (ScannedExample e : split.examples()) {
            for (String label : e.labels()) {
                if (labels.indexOf(label) < 0 && reported.add(label)) {
                    long more = split.examples().stream().filter(x -> x.labels().contains(label)).count() - 1;
                    errors.add(split.file() + ":" + e.line() + ": label '" + label + "' of the " + split.name()
                            + " split does not occur in the training split" + (more > 0 ? " (" + more + " more examples have it)" : "")
                            + "; training would stop here. Fix the label, or add training examples with it (labels: " + labels.labels() + ")");
                }
            }
        }
    }

    private static void oov(ScannedSplit split, List<String> warnings) {
        double rate = split.tokens() == 0 ? 0 : split.unknownTokens() / (double) split.tokens();
        if (rate > HIGH_OOV) {
            warnings.add(String.format(Locale.ROOT, "%s: %.1f%% of the %s tokens are outside the training vocabulary;"
                    + " raise data.vocab_size or lower data.min_frequency if the vocabulary cuts them", split.file(), 100 * rate, split.name()));
        }
    }

    private static void empties(ScannedSplit split, List<String> warnings) {
        List<ScannedExample> empty = split.examples().stream().filter(e -> e.length() == 0).toList();
        if (!empty.isEmpty()) {
            warnings.add(split.file() + ": " + empty.size() + " examples have no tokens after tokenization (read as one <unk>), e.g. line "
                    + String.join(", ", empty.stream().limit(SHOWN).map(e -> e.line() + " '" + e.text() + "'").toList()));
        }
    }

    private static Map<String, List<ScannedExample>> byText(ScannedSplit split) {
        Map<String, List<ScannedExample>> m = new HashMap<>();
        split.examples().forEach(e -> m.computeIfAbsent(e.text(), k -> new ArrayList<>()).add(e));
        return m;
    }

    private static DoctorReport.Duplicates duplicates(ScannedSplit split, ScannedSplit train, Map<String, List<ScannedExample>> trainTexts,
                                                      List<String> warnings) {
        List<String> shown = new ArrayList<>();
        int count = 0;
        for (ScannedExample e : split.examples()) {
            List<ScannedExample> same = trainTexts.get(e.text());
            if (same != null) {
                count++;
                if (shown.size() < SHOWN) {
                    shown.add(split.file().getFileName() + ":" + e.line() + " = " + train.file().getFileName() + ":" + same.get(0).line()
                            + "  " + abbreviate(e.text()));
                }
            }
        }
        if (count > 0) {
            warnings.add(String.format(Locale.ROOT, "%s: %d of %d %s examples (%.1f%%) also occur verbatim in train: their scores flatter the model",
                    split.file(), count, split.examples().size(), split.name(), 100.0 * count / split.examples().size()));
        }
        return new DoctorReport.Duplicates(split.name(), count, shown);
    }

    private static void rareLabels(Map<String, Long> counts, List<String> warnings) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        counts.forEach((label, n) -> {
            if (n < RARE * total) {
                warnings.add(String.format(Locale.ROOT, "label '%s' is %.2f%% of train (%d of %d): the model will rarely predict it;"
                        + " consider more examples or merging it", label, 100.0 * n / total, n, total));
            }
        });
    }

    /** The same text with different labels in train (classification): at least one is wrong or the task is ambiguous. */
    private static void conflictingLabels(ScannedSplit train, Map<String, List<ScannedExample>> trainTexts, List<String> warnings) {
        List<String> conflicts = new ArrayList<>();
        int count = 0;
        for (List<ScannedExample> same : trainTexts.values()) {
            if (same.size() > 1 && same.stream().map(ScannedExample::labels).distinct().count() > 1) {
                count++;
                if (conflicts.size() < SHOWN) {
                    conflicts.add("lines " + String.join(", ", same.stream().map(e -> e.line() + " (" + String.join(" ", e.labels()) + ")")
                            .limit(4).toList()) + " '" + abbreviate(same.get(0).text()) + "'");
                }
            }
        }
        if (count > 0) {
            warnings.add(train.file() + ": " + count + " texts occur more than once in train with different labels, e.g. "
                    + String.join("; ", conflicts));
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 70 ? text : text.substring(0, 67) + "...";
    }
}
