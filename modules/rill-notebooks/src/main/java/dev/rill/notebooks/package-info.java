/**
 * Runs the Java notebooks in {@code notebooks/} through JShell: {@link dev.rill.notebooks.NotebookRunner}
 * executes a notebook's code cells in order and fails, naming notebook and cell, on a compile error,
 * an exception or an unresolved reference; the module's test runs every notebook with it, and
 * {@link dev.rill.notebooks.RunNotebooks} ({@code bin/run-notebooks}) saves a run's printed output
 * into the notebook. {@link dev.rill.notebooks.Notebook} reads and writes nbformat 4 files.
 */
package dev.rill.notebooks;
