package dev.rill.corpus;

/**
 * A corpus could not be found, read, fetched or verified.
 *
 * <p>Checked on purpose: every cause is something the user can fix (a typo in a corpus name, a
 * broken manifest, a corrupt or missing file, no network), so callers such as the CLI should turn
 * it into a message rather than a stack trace. The message is written for that user: it names the
 * corpus, file and source involved and, where there is one, the fix.
 */
public class CorpusException extends Exception {

    private static final long serialVersionUID = 1L;

    public CorpusException(String message) {
        super(message);
    }

    public CorpusException(String message, Throwable cause) {
        super(message, cause);
    }
}
