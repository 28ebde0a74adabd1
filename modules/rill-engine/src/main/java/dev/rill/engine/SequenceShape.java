package dev.rill.engine;

/** The three shapes of a recurrent network's input and output sequences. */
public enum SequenceShape {
    /** A sequence in, one output (classification). */
    MANY_TO_ONE,
    /** A sequence in, an output per step (tagging, language modelling). */
    MANY_TO_MANY,
    /** One input, a sequence out (generation from a label). */
    ONE_TO_MANY
}
