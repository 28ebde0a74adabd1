package dev.rill.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Binds the {@code data} section; see {@link DataConfig} for its keys and defaults. */
final class DataBinder {

    static final List<String> KEYS = List.of(
            "corpus", "dir", "format", "splits", "tokenizer", "lowercase", "vocab_size", "min_frequency", "max_length", "limit",
            "dev_fraction", "tag_column");

    /** Written order matters to users reading the resolved config, hence an ordered map. */
    static final Map<String, String> DEFAULT_SPLITS = orderedDefaultSplits();

    private final DataSourceCheck sourceCheck;

    DataBinder(DataSourceCheck sourceCheck) {
        this.sourceCheck = sourceCheck;
    }

    /** @param task the task (its usual format is the default), or {@code null} when missing or invalid */
    DataConfig bind(YamlSection data, TaskType task) {
        data.allowOnly(KEYS);
        Optional<String> corpus = data.optionalString("corpus");
        Optional<String> dir = data.optionalString("dir");
        checkExactlyOneSource(data, corpus, dir);

        DataFormat format = data.choice("format", defaultFormat(task), DataFormat.values(), DataFormat::yamlName);
        Map<String, String> splits = splits(data);
        TokenizerKind tokenizer = data.choice("tokenizer", TokenizerKind.CORENLP, TokenizerKind.values(), TokenizerKind::yamlName);
        boolean lowercase = data.flag("lowercase", false);
        int vocabSize = data.integer("vocab_size", 20000, Range.atLeast(4));
        int minFrequency = data.integer("min_frequency", 1, Range.atLeast(1));
        int maxLength = data.integer("max_length", 0, Range.atLeast(0));
        int limit = data.integer("limit", 0, Range.atLeast(0));
        double devFraction = data.decimal("dev_fraction", 0.0, Range.closedOpen(0, 0.5));
        TagColumn tagColumn = data.choice("tag_column", TagColumn.UPOS, TagColumn.values(), TagColumn::yamlName);
        if (devFraction > 0 && splits.containsKey("dev")) {
            data.context().problems().add(data.context().locationOf(data.pathOf("dev_fraction")), "conflict",
                    "data.dev_fraction holds part of train out as the dev split, but data.splits also names a dev file",
                    "remove data.dev_fraction to use the dev file, or remove data.splits.dev");
        }

        if (corpus.isPresent() != dir.isPresent()) {
            corpus.ifPresent(name -> sourceCheck.checkCorpus(name, splits));
            dir.ifPresent(folder -> sourceCheck.checkDir(folder, splits));
        }
        return new DataConfig(corpus.orElse(null), dir.orElse(null), format, splits, tokenizer, lowercase,
                vocabSize, minFrequency, maxLength, limit, devFraction, tagColumn);
    }

    /** The format each task usually reads, so a config only names the format when it differs. */
    static DataFormat defaultFormat(TaskType task) {
        if (task == null) {
            return DataFormat.LABEL_TEXT_TSV;
        }
        return switch (task) {
            case CLASSIFICATION, CONDITIONED_GENERATION -> DataFormat.LABEL_TEXT_TSV;
            case TAGGING -> DataFormat.CONLLU;
            case LANGUAGE_MODEL -> DataFormat.PLAIN_TEXT;
        };
    }

    private static void checkExactlyOneSource(YamlSection data, Optional<String> corpus, Optional<String> dir) {
        if (corpus.isPresent() && dir.isPresent()) {
            SourceLocation at = data.context().locationOf(data.pathOf("dir"));
            data.context().problems().add(at, "conflict", "data.corpus and data.dir are both set; a config reads one source",
                    "keep data.corpus for a named corpus, or data.dir for a folder of split files");
        } else if (!data.isSet("corpus") && !data.isSet("dir")) {
            // A value of the wrong type has been reported already; only a source not written at all is missing.
            data.missing("data needs 'corpus' (a named corpus) or 'dir' (a folder of split files)");
        }
    }

    /** The splits as written (they replace the defaults, not add to them), or the defaults. */
    private static Map<String, String> splits(YamlSection data) {
        YamlSection splits = data.section("splits");
        if (!splits.present()) {
            return DEFAULT_SPLITS;
        }
        Map<String, String> written = splits.asStringMap();
        written.forEach((name, file) -> {
            if (file.isBlank()) {
                SourceLocation at = data.context().locationOf(splits.pathOf(name));
                data.context().problems().add(at, "invalid-value", "data.splits." + name + " must name a file, got ''");
            }
        });
        if (!splits.has("train")) {
            splits.missing("data.splits needs a 'train' split");
        }
        return written;
    }

    private static Map<String, String> orderedDefaultSplits() {
        Map<String, String> splits = new LinkedHashMap<>();
        splits.put("train", "train.tsv");
        splits.put("dev", "dev.tsv");
        splits.put("test", "test.tsv");
        return Collections.unmodifiableMap(splits);
    }

    /** Relative {@code data.dir} values are resolved here: the config file's folder, as {@link RillConfig#baseDir()} does. */
    static Path baseDir(Path source) {
        Path parent = source == null ? null : source.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }
}
