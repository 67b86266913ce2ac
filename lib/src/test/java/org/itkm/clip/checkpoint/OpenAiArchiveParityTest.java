package org.itkm.clip.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.Golden;
import org.itkm.clip.inference.ClipImagePreprocessor;
import org.itkm.clip.inference.ClipInference;
import org.itkm.clip.tokenizer.ClipTokenizer;
import org.itkm.io.FloatMatrix;
import org.junit.jupiter.api.Test;

/** Format (b): a tiny float16 TorchScript archive with OpenAI names, and CLIP's BPE tokenizer. */
class OpenAiArchiveParityTest {
    private static final Path DIR = Golden.dir("openai-tiny");

    @Test
    void imageAndTextFeaturesMatchReference() throws Exception {
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(DIR.resolve("tiny-clip.pt"));
                ClipInference clip = ClipInference.load(ckpt, 0, 0)) {
            ClipConfig c = ckpt.config();
            assertEquals(64, c.vision().width());
            assertEquals(16, c.vision().inputHeight());
            assertEquals(16, c.projectionDim());
            FloatMatrix f = clip.encodeImages(ClipImagePreprocessor.listImages(DIR.resolve("images")), 0, -1, 8, false);
            Golden.assertClose(Golden.npy("openai-tiny", "expected_image.npy"), f, 1e-4, "image features");
            List<String> texts = Files.readAllLines(DIR.resolve("texts.txt"));
            int[][] ids = new int[texts.size()][];
            try (ClipTokenizer tok = ckpt.openTokenizer()) {
                for (int i = 0; i < texts.size(); i++) {
                    ids[i] = tok.encode(texts.get(i), c.text().contextLength());
                }
            }
            List<String> expectedIds = Files.readAllLines(DIR.resolve("texts_ids.txt"));
            for (int i = 0; i < ids.length; i++) {
                assertArrayEquals(Arrays.stream(expectedIds.get(i).trim().split(" ")).mapToInt(Integer::parseInt)
                        .toArray(), ids[i], texts.get(i));
            }
            Golden.assertClose(Golden.npy("openai-tiny", "expected_texts.npy"), clip.encodeTokenIds(ids, 2, false), 1e-4,
                    "text features");
        }
    }
}
