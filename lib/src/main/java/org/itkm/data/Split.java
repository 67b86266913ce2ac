package org.itkm.data;

/** The three splits of a ReID data set. */
public enum Split {
    TRAIN("train"), QUERY("query"), GALLERY("gallery");

    private final String label;

    Split(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
