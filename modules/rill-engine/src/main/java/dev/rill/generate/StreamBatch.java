package dev.rill.generate;

/**
 * One minibatch cut from a token stream: {@code rows} parallel slices of {@code length} steps.
 * At step {@code t} of row {@code r} the model reads {@code inputs[r][t]} and must predict
 * {@code targets[r][t]}, the token that follows it in the stream.
 *
 * <p>The arrays are not copied (records of arrays compare by identity); treat them as read-only.
 *
 * @param index   position of this minibatch in its epoch, from 0
 * @param inputs  [rows][length] token ids x_t
 * @param targets [rows][length] token ids x_{t+1}
 */
public record StreamBatch(int index, int[][] inputs, int[][] targets) {

    public StreamBatch {
        if (inputs.length == 0 || inputs.length != targets.length) {
            throw new IllegalArgumentException("inputs and targets need the same, non-zero number of rows");
        }
    }

    public int rows() {
        return inputs.length;
    }

    /** Steps in this minibatch: the segment length, or fewer for an epoch's last minibatch. */
    public int length() {
        return inputs[0].length;
    }
}
