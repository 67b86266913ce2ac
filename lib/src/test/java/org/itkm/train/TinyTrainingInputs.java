package org.itkm.train;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.itkm.clip.ClipModel;
import org.itkm.clip.PocketClip;
import org.itkm.clip.checkpoint.HuggingFaceClipDirectory;
import org.itkm.clip.tokenizer.WordLevelTokenizer;
import org.itkm.runtime.EngineRuntime;
import org.itkm.synth.SynthPreset;
import org.itkm.synth.SynthUmsGenerator;

/** What the training tests start from: SynthUMS tiny and a randomly initialised pocket CLIP. */
final class TinyTrainingInputs {
    private TinyTrainingInputs() {}

    /** Writes SynthUMS tiny (seed 1) into {@code dir}; returns it. */
    static Path synth(Path dir) {
        new SynthUmsGenerator(SynthPreset.fromId("tiny"), 1).generate(dir, true, false);
        return dir;
    }

    /** Saves a random pocket CLIP whose vocabulary holds {@code words} into {@code dir}; returns it. */
    static Path randomClip(Path dir, List<String> words) throws IOException {
        try (NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            ClipModel model = ClipModel.create(PocketClip.config(WordLevelTokenizer.vocabulary(words).size()), m);
            HuggingFaceClipDirectory.save(dir, model, WordLevelTokenizer.buildJson(words), false);
        }
        return dir;
    }
}
