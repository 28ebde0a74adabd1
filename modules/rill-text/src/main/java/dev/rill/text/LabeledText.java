package dev.rill.text;

/**
 * One classification example as read from a file.
 *
 * @param label the label as written in the file
 * @param text  the raw text
 * @param line  1-based line number in its file (for error messages)
 */
public record LabeledText(String label, String text, long line) {
}
