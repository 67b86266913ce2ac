package org.itkm.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.itkm.clip.checkpoint.ClipArchitecture;
import org.itkm.clip.checkpoint.RandomClipCheckpoint;
import org.itkm.io.InvalidInputException;
import org.itkm.io.OutputFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itkm make-clip}: a CLIP checkpoint of random weights in a real checkpoint's exact layout. */
@Command(name = "make-clip", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a CLIP checkpoint of RANDOM weights with exactly the parameter names,",
            "shapes and configuration of OpenAI's ViT-B/16 CLIP (vision: width 768, 12",
            "layers, 12 heads, MLP 3072, patch 16, 224x224 = 197 positions; text: width",
            "512, 12 layers, 8 heads, context 77, vocabulary 49,408; joint embedding 512;",
            "quick_gelu; 149,620,737 parameters), so that the real-weights code path",
            "(loading, tokenizing, training, evaluation) runs end to end offline.",
            "",
            "These are NOT OpenAI's weights, and the BPE vocabulary is synthetic (its",
            "token ids are not OpenAI's): features, losses and metrics computed with them",
            "mean nothing. The weights file carries a mark; embed, embed-text, train and",
            "reproduce print a warning whenever they use such a checkpoint.",
            "",
            "--format hf      a Hugging Face CLIP directory as openai/clip-vit-base-patch16",
            "                 has it: config.json, model.safetensors (F32, 598 MB),",
            "                 tokenizer.json, vocab.json, merges.txt, tokenizer_config.json,",
            "                 special_tokens_map.json. Use: model.checkpoint=DIR",
            "--format openai  OpenAI's TorchScript archive DIR/ViT-B-16.pt (float16 where",
            "                 OpenAI's is: 350 MB) and DIR/bpe_simple_vocab_16e6.txt.gz.",
            "                 Use: model.checkpoint=DIR/ViT-B-16.pt",
            "",
            "Have the real checkpoint? Skip this command: put the files of",
            "openai/clip-vit-base-patch16 in a directory (or OpenAI's ViT-B-16.pt with",
            "bpe_simple_vocab_16e6.txt.gz beside it) and point model.checkpoint at it",
            "(README: \"Real CLIP weights, and a random stand-in\")."},
        footer = {"", "Examples:", "  ./itkm make-clip --arch vit-b-16 --out clip/random-vit-b-16",
            "  ./itkm make-clip --arch vit-b-16 --format openai \\",
            "      --out clip/random-vit-b-16-openai",
            "  ./itkm embed --checkpoint clip/random-vit-b-16 --images DIR --out f.npy"})
final class MakeClipCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--arch", defaultValue = "vit-b-16",
            description = "vit-b-16 (OpenAI's ViT-B/16) or vit-tiny (the same layout at toy sizes, for tests);"
                    + " default ${DEFAULT-VALUE}")
    String arch;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder to create: a new one, or an earlier make-clip output with --replace (written"
                    + " whole beside it, then moved into place)")
    Path out;

    @Option(names = "--format", defaultValue = "hf", description = "hf (Hugging Face directory) or openai"
            + " (TorchScript .pt); default ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the random weights (${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--replace", description = "Replace DIR if it holds an earlier make-clip output"
            + " (any other non-empty folder is never replaced)")
    boolean replace;

    @Override
    public Integer call() throws Exception {
        ClipArchitecture a = ClipArchitecture.byName(arch);
        RandomClipCheckpoint.Format f = switch (format.toLowerCase(Locale.ROOT)) {
            case "hf", "huggingface", "hugging-face" -> RandomClipCheckpoint.Format.HF;
            case "openai", "torchscript", "pt" -> RandomClipCheckpoint.Format.OPENAI;
            default -> throw new InvalidInputException("--format must be hf or openai, not '" + format + "'");
        };
        OutputFolder.check(RandomClipCheckpoint.COMMAND, out, replace, "--out", List.of()); // before saying what it makes
        var o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "make-clip: RANDOM %s weights (seed %d, NOT OpenAI's), %s layout -> %s%n", a.cliName(),
                seed, f == RandomClipCheckpoint.Format.HF ? "Hugging Face" : "OpenAI TorchScript", out);
        RandomClipCheckpoint.Written w = RandomClipCheckpoint.write(a, f, seed, out, replace, System.err);
        long total = 0;
        for (Map.Entry<String, Long> e : w.files().entrySet()) {
            o.printf(Locale.ROOT, "  %-28s %,15d bytes%n", e.getKey(), e.getValue());
            total += e.getValue();
        }
        o.printf(Locale.ROOT, "parameters: %,d%s%n", w.parameters(), a.publishedParameters() > 0
                ? String.format(Locale.ROOT, " (OpenAI's %s: %,d)", a.cliName(), a.publishedParameters()) : "");
        o.printf(Locale.ROOT, "wrote %,d bytes (%.1f MB) in %.1f s%n", total, total / 1e6, w.seconds());
        o.printf("use: model.checkpoint=%s (train, reproduce) or --checkpoint %s (embed, embed-text)%n", w.checkpoint(),
                w.checkpoint());
        return 0;
    }
}
