package org.itkm.clip.checkpoint;

import java.util.Locale;
import org.itkm.clip.ClipConfig;
import org.itkm.io.InvalidInputException;

/**
 * CLIP architectures the kit knows by name, with their exact checkpoint configuration. {@link #VIT_B_16}
 * is OpenAI's ViT-B/16 CLIP as published (the paper's backbone); {@link #VIT_TINY} has the same parameter
 * names and layout at toy sizes, so checkpoint code can be tested in milliseconds.
 */
public enum ClipArchitecture {
    /**
     * OpenAI's ViT-B/16: vision width 768, 12 layers, 12 heads, MLP 3072, patch 16 on a 224x224 grid (197
     * positions); text width 512, 12 layers, 8 heads, MLP 2048, context 77, vocabulary 49,408; joint
     * embedding 512; quick_gelu; 149,620,737 parameters. Token ids as the Hub's openai/clip-vit-base-patch16
     * config declares them (bos 0, eos 2, pad 1: the tokenizer's real end id 49407 is found at load time).
     */
    VIT_B_16("vit-b-16", "ViT-B-16.pt", new ClipConfig(
            new ClipConfig.Vision(768, 12, 12, 3072, 16, 224, 224, 224, 224, ClipConfig.Activation.QUICK_GELU, 1e-5f),
            new ClipConfig.Text(49408, 512, 12, 8, 2048, 77, 0, 2, 1, ClipConfig.Activation.QUICK_GELU, 1e-5f),
            512, ClipConfig.DEFAULT_SCENARIOS), 149_620_737L),
    /**
     * The ViT-B/16 layout at toy sizes for tests: widths 64 (one head of 64, so OpenAI's heads = width / 64
     * rule infers it back), 2 layers per tower, patch 16 on a 64x64 grid (17 positions), context 77,
     * vocabulary 1,024 (a synthetic BPE with 510 merges), joint embedding 32.
     */
    VIT_TINY("vit-tiny", "ViT-tiny.pt", new ClipConfig(
            new ClipConfig.Vision(64, 2, 1, 256, 16, 64, 64, 64, 64, ClipConfig.Activation.QUICK_GELU, 1e-5f),
            new ClipConfig.Text(1024, 64, 2, 1, 256, 77, 0, 2, 1, ClipConfig.Activation.QUICK_GELU, 1e-5f),
            32, ClipConfig.DEFAULT_SCENARIOS), -1);

    private final String cliName;
    private final String archiveName;
    private final ClipConfig config;
    private final long publishedParameters;

    ClipArchitecture(String cliName, String archiveName, ClipConfig config, long publishedParameters) {
        this.cliName = cliName;
        this.archiveName = archiveName;
        this.config = config;
        this.publishedParameters = publishedParameters;
    }

    /** Number of parameters of a checkpoint of this architecture (logit scale included). */
    public long parameterCount() {
        return ClipParameterLayout.count(ClipParameterLayout.huggingFace(config));
    }

    /** The parameter count of the published checkpoint (OpenAI's file), -1 for the kit's own test sizes. */
    public long publishedParameters() {
        return publishedParameters;
    }

    /** The checkpoint's configuration (input size = the checkpoint's 224x224 or 64x64). */
    public ClipConfig config() {
        return config;
    }

    /** The name on the command line ({@code vit-b-16}). */
    public String cliName() {
        return cliName;
    }

    /** The file name OpenAI gives the TorchScript archive of this architecture ({@code ViT-B-16.pt}). */
    public String archiveName() {
        return archiveName;
    }

    /** The architecture called {@code name} on the command line. */
    public static ClipArchitecture byName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("/", "-").replace("_", "-");
        for (ClipArchitecture a : values()) {
            if (a.cliName.equals(n) || a.cliName.replace("-", "").equals(n.replace("-", ""))) {
                return a;
            }
        }
        throw new InvalidInputException("unknown CLIP architecture '" + name + "'; expected vit-b-16 or vit-tiny");
    }
}
