package dev.rill.cli;

import dev.rill.config.TagColumn;
import dev.rill.engine.ModelBundle;
import dev.rill.engine.TrainedTagger;
import dev.rill.text.CoreNlpTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "tag", description = {
        "Tag raw text from stdin with a tagger bundle. Each line is tokenized with CoreNLP and split into sentences;",
        "prints one sentence per line as token/TAG, or CoNLL-U with --format conllu."})
final class TagCommand implements Callable<Integer> {

    /** Output layouts. */
    enum Format { slash, conllu }

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "BUNDLE", description = "A model.rill file trained with task: tagging.")
    Path bundle;

    @Option(names = "--format", paramLabel = "F", description = "slash (token/TAG) or conllu (default: ${DEFAULT-VALUE}).",
            defaultValue = "slash")
    Format format;

    private int sentenceId;

    @Override
    public Integer call() throws Exception {
        TrainedTagger tagger = new TrainedTagger(ModelBundle.read(bundle));
        TagColumn column = tagger.bundle().config().data().tagColumn();
        CoreNlpTokenizer tokenizer = new CoreNlpTokenizer();
        BufferedReader r = new BufferedReader(new InputStreamReader(main.in, StandardCharsets.UTF_8));
        // Line by line, so interactive use answers each line as it is typed.
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            List<CoreNlpTokenizer.Sentence> sentences = tokenizer.sentences(line);
            if (sentences.isEmpty()) {
                continue;
            }
            List<List<String>> tags = tagger.tag(sentences.stream().map(CoreNlpTokenizer.Sentence::tokens).toList());
            for (int i = 0; i < sentences.size(); i++) {
                print(sentences.get(i), tags.get(i), column);
            }
            main.out.flush();
        }
        return 0;
    }

    private void print(CoreNlpTokenizer.Sentence sentence, List<String> tags, TagColumn column) {
        List<String> tokens = sentence.tokens();
        if (format == Format.slash) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < tokens.size(); i++) {
                b.append(i == 0 ? "" : " ").append(tokens.get(i)).append('/').append(tags.get(i));
            }
            main.out.println(b);
            return;
        }
        main.out.println("# sent_id = " + (++sentenceId));
        main.out.println("# text = " + sentence.text().replaceAll("\\s+", " "));
        for (int i = 0; i < tokens.size(); i++) {
            String upos = column == TagColumn.UPOS ? tags.get(i) : "_";
            String xpos = column == TagColumn.XPOS ? tags.get(i) : "_";
            main.out.println(String.join("\t", Integer.toString(i + 1), tokens.get(i), "_", upos, xpos, "_", "_", "_", "_", "_"));
        }
        main.out.println();
    }
}
