/** The {@code rill} command line: one class per subcommand, errors mapped to exit codes in {@link dev.rill.cli.Main}. */
package dev.rill.cli;
