package dev.rill.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Entity spans from BIO or IOBES tags, and exact-match span scores (the CoNLL NER measure).
 *
 * <p>Tags are {@code O} or {@code P-TYPE} with prefix P one of {@code B} (begin), {@code I} (inside),
 * {@code E} (end) or {@code S} (single); BIO and IOBES may even mix. Ill-formed sequences are read
 * the way the CoNLL {@code conlleval} script reads them, so scores are comparable with published
 * ones: an {@code I-X} or {@code E-X} that does not continue an open X span starts a new span
 * (after {@code O}, after a span of another type, or after an {@code E}/{@code S} that closed one).
 */
public final class EntitySpans {

    /**
     * One entity: its type and token range.
     *
     * @param type  the entity type, e.g. {@code PER}
     * @param start index of the first token
     * @param end   index after the last token (exclusive)
     */
    public record Span(String type, int start, int end) {
    }

    /**
     * Counts for exact span matching: a predicted span is correct when a gold span has the same type,
     * start and end.
     *
     * @param goldSpans      spans in the gold tags
     * @param predictedSpans spans in the predicted tags
     * @param correct        predicted spans that are also gold spans
     */
    public record EntityScores(long goldSpans, long predictedSpans, long correct) {

        /** Correct / predicted; 0 when nothing was predicted (not NaN, so it prints and averages). */
        public double precision() {
            return ratio(correct, predictedSpans);
        }

        /** Correct / gold; 0 when there are no gold spans. */
        public double recall() {
            return ratio(correct, goldSpans);
        }

        /** The harmonic mean of precision and recall; 0 when both are 0. */
        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        private static double ratio(long numerator, long denominator) {
            return denominator == 0 ? 0 : (double) numerator / denominator;
        }
    }

    private EntitySpans() {
    }

    /**
     * The entity spans in one sentence's tags, in order.
     *
     * @throws IllegalArgumentException for a tag that is neither {@code O} nor {@code B-/I-/E-/S-TYPE}
     */
    public static List<Span> spans(List<String> tags) {
        List<Span> out = new ArrayList<>();
        String openType = null;
        int openStart = 0;
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (tag.equals("O")) {
                closeIfOpen(out, openType, openStart, i);
                openType = null;
                continue;
            }
            char prefix = prefix(tag, i);
            String type = tag.substring(2);
            boolean continues = openType != null && openType.equals(type) && (prefix == 'I' || prefix == 'E');
            if (!continues) {
                closeIfOpen(out, openType, openStart, i);
                openType = type;
                openStart = i;
            }
            if (prefix == 'E' || prefix == 'S') {
                out.add(new Span(type, openStart, i + 1));
                openType = null;
            }
        }
        closeIfOpen(out, openType, openStart, tags.size());
        return out;
    }

    /**
     * Exact-match span counts over a corpus: sentence {@code i} of {@code predicted} is compared with
     * sentence {@code i} of {@code gold}.
     *
     * @throws IllegalArgumentException when the sentence counts or a sentence's lengths differ
     */
    public static EntityScores score(List<List<String>> gold, List<List<String>> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " gold sentences but " + predicted.size() + " predicted");
        }
        long goldSpans = 0;
        long predictedSpans = 0;
        long correct = 0;
        for (int s = 0; s < gold.size(); s++) {
            if (gold.get(s).size() != predicted.get(s).size()) {
                throw new IllegalArgumentException("sentence " + s + ": " + gold.get(s).size() + " gold tags but "
                        + predicted.get(s).size() + " predicted");
            }
            Set<Span> goldSet = new HashSet<>(spans(gold.get(s)));
            List<Span> predictedList = spans(predicted.get(s));
            goldSpans += goldSet.size();
            predictedSpans += predictedList.size();
            correct += predictedList.stream().filter(goldSet::contains).count();
        }
        return new EntityScores(goldSpans, predictedSpans, correct);
    }

    private static char prefix(String tag, int position) {
        if (tag.length() < 3 || tag.charAt(1) != '-' || "BIES".indexOf(tag.charAt(0)) < 0) {
            throw new IllegalArgumentException("token " + position + ": tag '" + tag
                    + "' is neither O nor B-/I-/E-/S- followed by a type (e.g. B-PER)");
        }
        return tag.charAt(0);
    }

    private static void closeIfOpen(List<Span> out, String openType, int openStart, int end) {
        if (openType != null) {
            out.add(new Span(openType, openStart, end));
        }
    }
}
