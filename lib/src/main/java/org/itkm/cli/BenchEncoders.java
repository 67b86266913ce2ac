package org.itkm.cli;

import org.itkm.clip.ClipConfig;
import org.itkm.clip.PocketClip;
import org.itkm.clip.checkpoint.ClipArchitecture;
import org.itkm.io.InvalidInputException;

/** The image encoders the benchmarks measure, by name. */
final class BenchEncoders {
    private BenchEncoders() {}

    /** OpenAI's ViT-B/16 image tower (224² checkpoint grid) at the paper's 256×128 input. */
    static final ClipConfig.Vision VIT_B_16 = ClipArchitecture.VIT_B_16.config().vision().withInputSize(256, 128);

    static ClipConfig.Vision vision(String arch) {
        return switch (arch) {
            case "vit-b-16", "vit-b16" -> VIT_B_16;
            case "pocket" -> PocketClip.config(1).vision();
            default -> throw new InvalidInputException("unknown encoder '" + arch + "'; expected vit-b-16 or pocket");
        };
    }

    static int projection(String arch) {
        return vision(arch) == VIT_B_16 ? ClipArchitecture.VIT_B_16.config().projectionDim()
                : PocketClip.config(1).projectionDim();
    }
}
