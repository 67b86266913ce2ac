package org.itkm.train;

/**
 * A loss or gradient became NaN/Inf. Training stops with this message; the last complete checkpoint
 * stays in place so the run can be inspected or resumed with other settings.
 */
public final class NonFiniteTrainingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NonFiniteTrainingException(String stage, int epoch, int step, String what, double value) {
        super(String.format(java.util.Locale.ROOT,
                "%s epoch %d step %d: %s is %s; stopping (the last complete checkpoint is kept). Try a lower"
                        + " learning rate (e.g. %s.lr=...) or check the input images", stage, epoch + 1, step + 1,
                what, Double.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf", stage));
    }
}
