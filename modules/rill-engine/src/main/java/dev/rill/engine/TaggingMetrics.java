package dev.rill.engine;

import dev.rill.text.EntitySpans;
import dev.rill.text.Vocabulary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Scores of a tagger on one split: per-token accuracy, per-tag precision/recall/F1 and the
 * confusion matrix (a token is one "example" of {@link ClassificationMetrics}), accuracy on tokens
 * outside the word vocabulary, and, when the tags are BIO/IOBES entity tags, exact-span entity
 * precision/recall/F1 as conlleval computes them.
 *
 * @param tokens      token-level scores
 * @param oovTokens   tokens whose word is not in the vocabulary (they read as {@code <unk>})
 * @param oovCorrect  of those, tagged correctly
 * @param entities    entity span scores, or {@code null} when the tag set is not an entity scheme
 */
public record TaggingMetrics(ClassificationMetrics tokens, long oovTokens, long oovCorrect, EntitySpans.EntityScores entities)
        implements TaskMetrics {

    private static final Pattern ENTITY_TAG = Pattern.compile("O|[BIES]-.+");

    /**
     * Scores predictions against gold tags.
     *
     * @param tags      tag names, index order
     * @param inputs    the sentences as the network read them (for the OOV count)
     * @param gold      gold tag indexes per sentence
     * @param predicted predicted tag indexes per sentence
     */
    public static TaggingMetrics of(List<String> tags, List<WordFeatures.TaggerInput> inputs, List<int[]> gold, int[][] predicted) {
        int total = gold.stream().mapToInt(g -> g.length).sum();
        int[] flatGold = new int[total];
        int[] flatPredicted = new int[total];
        long oov = 0;
        long oovCorrect = 0;
        int k = 0;
        for (int s = 0; s < gold.size(); s++) {
            int[] g = gold.get(s);
            for (int i = 0; i < g.length; i++, k++) {
                flatGold[k] = g[i];
                flatPredicted[k] = predicted[s][i];
                if (inputs.get(s).words()[i] == Vocabulary.UNK_ID) {
                    oov++;
                    oovCorrect += g[i] == predicted[s][i] ? 1 : 0;
                }
            }
        }
        EntitySpans.EntityScores entities = null;
        if (isEntityScheme(tags)) {
            entities = EntitySpans.score(names(tags, gold), names(tags, List.of(predicted)));
        }
        return new TaggingMetrics(ClassificationMetrics.of(tags, flatGold, flatPredicted), oov, oovCorrect, entities);
    }

    /** Whether every tag is {@code O} or {@code B-/I-/E-/S-TYPE}, with at least one typed tag. */
    static boolean isEntityScheme(List<String> tags) {
        return tags.stream().allMatch(t -> ENTITY_TAG.matcher(t).matches()) && tags.stream().anyMatch(t -> !t.equals("O"));
    }

    private static List<List<String>> names(List<String> tags, List<int[]> indexes) {
        List<List<String>> out = new ArrayList<>(indexes.size());
        for (int[] row : indexes) {
            List<String> names = new ArrayList<>(row.length);
            for (int i : row) {
                names.add(tags.get(i));
            }
            out.add(names);
        }
        return out;
    }

    public double accuracy() {
        return tokens.accuracy();
    }

    /** Accuracy on out-of-vocabulary tokens; NaN when there are none. */
    public double oovAccuracy() {
        return oovTokens == 0 ? Double.NaN : (double) oovCorrect / oovTokens;
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokens", tokens.total());
        m.put("accuracy", accuracy());
        m.put("oov_tokens", oovTokens);
        m.put("oov_accuracy", oovTokens == 0 ? null : oovAccuracy());
        if (entities != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("precision", entities.precision());
            e.put("recall", entities.recall());
            e.put("f1", entities.f1());
            e.put("gold_spans", entities.goldSpans());
            e.put("predicted_spans", entities.predictedSpans());
            e.put("correct_spans", entities.correct());
            m.put("entities", e);
        }
        Map<String, Object> perTag = tokens.toMap();
        m.put("macro_f1", perTag.get("macro_f1"));
        m.put("per_tag", perTag.get("per_class"));
        m.put("tags", perTag.get("labels"));
        m.put("confusion", perTag.get("confusion"));
        return m;
    }

    @Override
    public String format() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "token accuracy %.4f (%d tokens); out-of-vocabulary %s (%d tokens)%n",
                accuracy(), tokens.total(), oovTokens == 0 ? "-" : String.format(Locale.ROOT, "%.4f", oovAccuracy()), oovTokens));
        if (entities != null) {
            b.append(String.format(Locale.ROOT, "entities: precision %.4f recall %.4f F1 %.4f (%d gold, %d predicted, %d correct)%n",
                    entities.precision(), entities.recall(), entities.f1(), entities.goldSpans(), entities.predictedSpans(), entities.correct()));
        }
        b.append(tokens.format().lines().skip(1).map(l -> l + "\n").reduce("", String::concat));
        return b.toString();
    }
}
