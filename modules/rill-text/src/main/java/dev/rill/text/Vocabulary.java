package dev.rill.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token to id mapping with a padding and an out-of-vocabulary token.
 *
 * <p>Id 0 is {@value #PAD} (never produced by text, so masked steps are recognisable) and id 1 is
 * {@value #UNK}, which every token outside the vocabulary maps to. The rest are ordered by
 * training-set frequency, ties broken by the token's text, so the same data gives the same ids.
 */
public final class Vocabulary {

    public static final String PAD = "<pad>";
    public static final String UNK = "<unk>";
    public static final int PAD_ID = 0;
    public static final int UNK_ID = 1;

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        Map<String, Integer> m = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            if (m.putIfAbsent(tokens.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate token in vocabulary: '" + tokens.get(i) + "'");
            }
        }
        this.ids = Collections.unmodifiableMap(m);
        if (tokens.size() < 2 || !PAD.equals(tokens.get(PAD_ID)) || !UNK.equals(tokens.get(UNK_ID))) {
            throw new IllegalArgumentException("a vocabulary starts with " + PAD + " and " + UNK);
        }
    }

    /**
     * Builds a vocabulary from token counts.
     *
     * @param counts       how often each token occurs in the training split
     * @param maxSize      cap on the size, the two special tokens included (&gt;= 2)
     * @param minFrequency tokens seen fewer times map to {@value #UNK}
     */
    public static Vocabulary build(Map<String, Long> counts, int maxSize, int minFrequency) {
        if (maxSize < 2) {
            throw new IllegalArgumentException("maxSize must be >= 2, got " + maxSize);
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>();
        for (var e : counts.entrySet()) {
            if (e.getValue() >= minFrequency && !PAD.equals(e.getKey()) && !UNK.equals(e.getKey())) {
                entries.add(e);
            }
        }
        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> tokens = new ArrayList<>();
        tokens.add(PAD);
        tokens.add(UNK);
        for (var e : entries) {
            if (tokens.size() >= maxSize) {
                break;
            }
            tokens.add(e.getKey());
        }
        return new Vocabulary(tokens);
    }

    /** A vocabulary of exactly these tokens after the two special ones. */
    public static Vocabulary of(List<String> tokensAfterSpecials) {
        List<String> tokens = new ArrayList<>();
        tokens.add(PAD);
        tokens.add(UNK);
        tokens.addAll(tokensAfterSpecials);
        return new Vocabulary(tokens);
    }

    public int size() {
        return tokens.size();
    }

    /** The id of a token, {@link #UNK_ID} when it is not in the vocabulary. */
    public int id(String token) {
        return ids.getOrDefault(token, UNK_ID);
    }

    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    public String token(int id) {
        return tokens.get(id);
    }

    public int[] encode(List<String> tokenList) {
        int[] out = new int[tokenList.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(tokenList.get(i));
        }
        return out;
    }

    /** All tokens, id order. */
    public List<String> tokens() {
        return tokens;
    }

    /**
     * Writes one token per line, id order. Tokens never contain a line break (tokenizers split on
     * white space), but a character tokenizer can produce "\n" itself: it is escaped as {@code \n},
     * and a backslash as {@code \\}.
     */
    public void write(Writer out) throws IOException {
        for (String t : tokens) {
            out.write(escape(t));
            out.write('\n');
        }
    }

    public static Vocabulary read(Reader in) throws IOException {
        List<String> tokens = new ArrayList<>();
        BufferedReader r = new BufferedReader(in);
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            tokens.add(unescape(line));
        }
        return new Vocabulary(tokens);
    }

    private static String escape(String t) {
        return t.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }
}
