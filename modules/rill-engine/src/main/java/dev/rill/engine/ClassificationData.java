package dev.rill.engine;

import dev.rill.text.DataException;
import dev.rill.text.Example;
import dev.rill.text.LabelSet;
import dev.rill.text.LabeledText;
import dev.rill.text.TextPipeline;
import dev.rill.text.Vocabulary;

import java.nio.file.Path;
import java.util.List;

/**
 * One split of a classification corpus, encoded: token ids and label indices.
 *
 * <p>The token ids live as compact {@code int[]} per example (IMDB's 25k reviews are about 7M
 * ids, 28 MB) and become tensors one minibatch at a time, so no split is ever one big tensor.
 *
 * @param examples encoded examples, file order
 * @param texts    the raw texts, file order (for prediction output and error analysis)
 */
public record ClassificationData(List<Example> examples, List<String> texts) {

    /**
     * Encodes labelled texts. A label not in {@code labels} (seen in dev/test but never in train)
     * is an error naming its file and line.
     */
    public static ClassificationData encode(List<LabeledText> rows, Path file, TextPipeline pipeline,
                                            Vocabulary vocabulary, LabelSet labels) {
        Example[] out = new Example[rows.size()];
        // CoreNLP tokenization dominates preparation time; rows are independent.
        java.util.stream.IntStream.range(0, rows.size()).parallel().forEach(i -> {
            LabeledText row = rows.get(i);
            int label = labels.indexOf(row.label());
            if (label < 0) {
                throw new DataException(file, row.line(), "field 'label': '" + row.label()
                        + "' does not occur in the training split (labels: " + labels.labels() + ")");
            }
            out[i] = new Example(pipeline.encode(row.text(), vocabulary), label);
        });
        return new ClassificationData(List.of(out), rows.stream().map(LabeledText::text).toList());
    }

    public int size() {
        return examples.size();
    }

    public int[] labels() {
        return examples.stream().mapToInt(Example::label).toArray();
    }

    public int[] lengths() {
        return examples.stream().mapToInt(Example::length).toArray();
    }

    public long tokens() {
        return examples.stream().mapToLong(Example::length).sum();
    }
}
