package org.itkm.eval;

import org.itkm.io.FloatMatrix;
import org.itkm.io.InvalidInputException;

/**
 * One evaluation split: a feature row per image and its labels, checked for consistency on creation.
 * The source names (file paths, usually) appear in every error message.
 */
public record LabeledFeatures(FloatMatrix features, ImageLabels labels, String featuresSource, String labelsSource) {
    public LabeledFeatures {
        if (features.rows() != labels.size()) {
            throw new InvalidInputException(featuresSource + " has " + features.rows() + " feature rows but "
                    + labelsSource + " has " + labels.size() + " label rows; expected one label row per feature row");
        }
        if (features.rows() == 0) {
            throw new InvalidInputException(featuresSource + ": no feature rows");
        }
        if (features.cols() == 0) {
            throw new InvalidInputException(featuresSource + ": feature dimension is 0");
        }
        long bad = features.firstNonFinite();
        if (bad >= 0) {
            float v = features.data()[(int) bad];
            throw new InvalidInputException(featuresSource + ": row " + bad / features.cols() + ", column "
                    + bad % features.cols() + " is " + v + "; features must be finite (no NaN/Inf)");
        }
    }

    public LabeledFeatures(FloatMatrix features, ImageLabels labels) {
        this(features, labels, "features", "labels");
    }

    public int size() {
        return features.rows();
    }

    /** The given rows, in order, with the same source names. */
    public LabeledFeatures select(int[] rows) {
        return new LabeledFeatures(features.selectRows(rows), labels.select(rows), featuresSource, labelsSource);
    }
}
