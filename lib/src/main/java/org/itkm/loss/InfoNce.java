package org.itkm.loss;

import org.itkm.runtime.Scalars;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The multi-positive InfoNCE shared by every contrastive loss of ITKM:
 * {@code mean over rows with positives of  -(1/|P_i|) Σ_{j∈P_i} log softmax(logits_i)_j}.
 * Rows whose positive mask is empty are skipped (no match kept by CHM, no IHM neighbours, noise).
 */
final class InfoNce {
    private InfoNce() {}

    /**
     * @param logits B×C scores (already divided by the temperature)
     * @param positives B×C 0/1 mask of positives, same manager-independent shape
     * @return scalar loss; 0 (still attached to the graph) when no row has a positive
     */
    static NDArray loss(NDArray logits, NDArray positives) {
        try (NDManager scope = NDManager.subManagerOf(logits)) {
            scope.tempAttachAll(logits, positives);
            NDArray logp = logits.logSoftmax(1);
            NDArray count = positives.sum(new int[] {1});
            NDArray keep = Scalars.gt(count, 0f).toType(logits.getDataType(), false);
            NDArray perRow = positives.mul(logp).sum(new int[] {1}).neg().div(Scalars.maximum(count, 1f));
            NDArray kept = keep.sum();
            NDArray loss = kept.getFloat() > 0 ? perRow.mul(keep).sum().div(kept) : Scalars.mul(logits.sum(), 0f);
            return scope.ret(loss);
        }
    }

    /** Row-wise L2 normalisation with PyTorch's {@code F.normalize} floor (norm at least 1e-12). */
    static NDArray normalize(NDArray x) {
        return x.div(Scalars.maximum(x.norm(new int[] {1}, true), 1e-12f));
    }
}
