package dev.rill.cli;

import dev.rill.engine.ModelBundle;
import dev.rill.engine.TrainedLanguageModel;
import dev.rill.generate.Sampler;
import dev.rill.generate.TextGenerator;
import dev.rill.generate.TokenStepper;
import dev.rill.text.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Samples text from a language-model bundle, printing each token as soon as it is drawn.
 *
 * <p>The prompt is echoed, then the continuation follows. The model reads the prompt once and
 * then each generated token ({@code rnnTimeStep} for networks), so a step costs the same however
 * long the text is. Prompt tokens outside the vocabulary are read as {@code <unk>} with a warning on
 * stderr; an empty prompt starts the model as at the start of a line. {@code <pad>} and
 * {@code <unk>} are never generated.
 */
@Command(name = "generate", description = {
        "Generate text with a language-model bundle (task: language_model or conditioned_generation), streaming it to stdout.",
        "Prints the prompt, then the generated continuation. In --prompt and --stop, \\n is a line break and \\\\ a backslash."})
final class GenerateCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "BUNDLE", description = "A model.rill file trained with task: language_model.")
    Path bundle;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Text to continue (default: empty, i.e. start of a line).", defaultValue = "")
    String prompt;

    @Option(names = "--length", paramLabel = "N", description = "Most tokens to generate (default: ${DEFAULT-VALUE}).", defaultValue = "200")
    int length;

    @Option(names = "--temperature", paramLabel = "T", description = "Below 1 sharper, above 1 flatter (default: ${DEFAULT-VALUE}).",
            defaultValue = "1.0")
    double temperature;

    @Option(names = "--top-k", paramLabel = "K", description = "Draw from the K most probable tokens; 0 = all (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    int topK;

    @Option(names = "--top-p", paramLabel = "P", description = "Draw from the most probable tokens holding mass P; 1 = all (default: ${DEFAULT-VALUE}).",
            defaultValue = "1.0")
    double topP;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the draws (default: random, printed on stderr so the output can be repeated).")
    Long seed;

    @Option(names = "--greedy", description = "Always take the most probable token (ignores temperature, top-k, top-p).")
    boolean greedy;

    @Option(names = "--condition", paramLabel = "LABEL", description = "The label a conditioned_generation model writes for,"
            + " as written in its training data (SST-2: 0 negative, 1 positive); it stops at the end of a text.")
    String condition;

    @Option(names = "--guidance", paramLabel = "G", description = "Conditioned generators: favour the words that say the condition,"
            + " 0 = none; each step then runs one network per label (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    double guidance;

    @Option(names = "--stop", paramLabel = "TOKEN", description = "Stop after generating this token, e.g. '\\n' for one line; repeatable.")
    List<String> stop = List.of();

    @Override
    public Integer call() throws Exception {
        TrainedLanguageModel model = new TrainedLanguageModel(ModelBundle.read(bundle));
        String promptText = unescape(prompt);
        TrainedLanguageModel.Prompt input;
        TokenStepper stepper;
        try {
            input = model.prompt(promptText, condition);
            stepper = model.stepper(input, guidance);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (!input.unknown().isEmpty()) {
            main.err.println("rill: warning: " + input.unknown().size() + " prompt token(s) not in the model's vocabulary, read as "
                    + Vocabulary.UNK + ": " + input.unknown().stream().distinct().map(GenerateCommand::quoted).collect(Collectors.joining(", ")));
        }
        long drawSeed = seed != null ? seed : new SecureRandom().nextLong();
        if (seed == null) {
            main.err.println("seed: " + drawSeed);
        }
        TextGenerator.Settings settings;
        try {
            settings = new TextGenerator.Settings(length, sampler(model), drawSeed, stopIds(model));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        main.out.print(promptText);
        main.out.flush();
        int[] previous = {input.ids()[input.ids().length - 1]};
        TextGenerator.generate(stepper, input.ids(), settings, id -> {
            main.out.print(model.display(previous[0], id));
            main.out.flush();
            previous[0] = id;
        });
        main.out.println();
        main.out.flush();
        return 0;
    }

    private Sampler sampler(TrainedLanguageModel model) {
        Sampler s = greedy ? Sampler.greedy() : new Sampler(temperature, topK, topP, Set.of());
        return s.banning(model.bannedIds().stream().mapToInt(Integer::intValue).toArray());
    }

    private Set<Integer> stopIds(TrainedLanguageModel model) {
        Set<Integer> ids = new HashSet<>(model.stopIds());
        for (String written : stop) {
            String token = unescape(written);
            if (!model.vocabulary().contains(token) || model.bannedIds().contains(model.vocabulary().id(token))) {
                throw new UsageException("--stop " + quoted(token) + " is not a token of the model's vocabulary"
                        + " (a character model stops on one character, e.g. --stop '\\n')");
            }
            ids.add(model.vocabulary().id(token));
        }
        return ids;
    }

    /** {@code \n} -> line break, {@code \t} -> tab, {@code \\} -> backslash; other characters as written. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (n == 'n' || n == 't' || n == '\\') {
                    b.append(n == 'n' ? '\n' : n == 't' ? '\t' : '\\');
                    i++;
                    continue;
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    private static String quoted(String token) {
        return "'" + token.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t") + "'";
    }
}
