package org.itkm.cli;

import picocli.CommandLine.Option;

/**
 * The pre-training settings {@code pretrain-clip} and {@code make-pocket-clip} share (a picocli mixin). Their
 * defaults come from the shipped pocket CLIP's manifest through the commands' {@link PocketClipDefaults}
 * provider, so both commands make that CLIP unless told otherwise.
 */
final class PretrainingOptions {
    @Option(names = "--epochs", description = "Passes over the training pairs (default: ${DEFAULT-VALUE})")
    Integer epochs;

    @Option(names = "--batch-size", description = "Pairs per step (default: ${DEFAULT-VALUE})")
    Integer batchSize;

    @Option(names = "--lr", description = "Peak Adam learning rate (default: ${DEFAULT-VALUE})")
    Float lr;

    @Option(names = "--warmup", description = "Linear warm-up steps (default: ${DEFAULT-VALUE})")
    Integer warmup;

    @Option(names = "--seed", description = "Pre-training seed: held-out pairs, order,"
            + " initialisation (default: ${DEFAULT-VALUE})")
    Long seed;

    @Option(names = "--image-view-weight", description = "Weight of the image-image (SLIP) term: each image"
            + " against a second view of itself (flip, shift, greyscale half the time); 0 = CLIP's image-text loss"
            + " only (default: ${DEFAULT-VALUE})")
    Double imageViewWeight;

    @Option(names = "--held-out",
            description = "Share of the pairs held out for the zero-shot scores (default: ${DEFAULT-VALUE})")
    Double heldOut;

    @Option(names = "--input-size", description = "Image HEIGHTxWIDTH (default: ${DEFAULT-VALUE})")
    String inputSize;

    /**
     * Every setting but the warm-up is known (given, or the manifest's default); else one line naming the option.
     * (Without a warm-up, pre-training warms up over a tenth of its steps.)
     */
    void requireAllButWarmup() {
        PocketClipDefaults.require("--epochs", epochs);
        PocketClipDefaults.require("--batch-size", batchSize);
        PocketClipDefaults.require("--lr", lr);
        PocketClipDefaults.require("--seed", seed);
        PocketClipDefaults.require("--image-view-weight", imageViewWeight);
        PocketClipDefaults.require("--held-out", heldOut);
        PocketClipDefaults.require("--input-size", inputSize);
    }
}
