package org.itkm.clip.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.itkm.clip.PocketClip;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.clip.inference.ClipInference;
import org.itkm.clip.tokenizer.ClipTokenizer;
import org.itkm.clip.zeroshot.CaptionedImage;
import org.itkm.clip.zeroshot.ZeroShotRetrieval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The after-the-fact zero-shot evaluation scores exactly the pairs pre-training held out, joins the
 * attribute sidecar, asks each question only of the images it applies to, and agrees with
 * {@link ZeroShotRetrieval} computed directly on those images.
 */
class AttributeZeroShotTest {
    @TempDir
    Path tmp;

    @Test
    void scoresTheHeldOutPairsWithTheSidecarsAttributes() throws Exception {
        Path corpus = PocketClipPretrainingTest.writeCorpus(tmp.resolve("corpus"), 48, 3);
        // sidecar: every third image "infrared"; upper colour repeated under another name
        List<String> tsv = Files.readAllLines(corpus.resolve(CaptionCorpus.FILE_NAME));
        StringBuilder csv = new StringBuilder("file,modality,upper_colour\n");
        for (int i = 1; i < tsv.size(); i++) {
            String[] c = tsv.get(i).split("\t");
            csv.append(c[0]).append(',').append(i % 3 == 0 ? "infrared" : "visible").append(',').append(c[2])
                    .append('\n');
        }
        Files.writeString(corpus.resolve("attributes.csv"), csv);
        Path ckpt = tmp.resolve("clip");
        PocketClipPretraining.Report r = PocketClipPretraining.run(CaptionCorpus.readTsv(corpus), ckpt,
                new PocketClipPretraining.Settings(PocketClip.config(1, 32, 1, 1, 32, 16),
                        new ContrastivePretrainer.Options(1, 8, 1e-3f, 1, 7), 0.25, Map.of()),
                new PrintWriter(new StringWriter()), false);

        List<CaptionedImage> held = AttributeZeroShot.heldOut(corpus, 0.25, 7);
        assertEquals(r.heldOutPairs(), held.size());
        List<Path> expected = PocketClipPretraining.split(CaptionCorpus.readTsv(corpus), 0.25, 7).heldOut().stream()
                .map(CaptionedImage::image).toList();
        assertEquals(expected, held.stream().map(CaptionedImage::image).toList());
        for (CaptionedImage it : held) {
            assertEquals(it.attributes().get("upper"), it.attributes().get("upper_colour"), it.image().toString());
            assertTrue(it.attributes().containsKey("modality"));
        }

        AttributeZeroShot.Query visibleUpper = new AttributeZeroShot.Query("upper_colour", "a person in a {} top",
                Map.of("red", "green", "green", "red"), a -> "visible".equals(a.get("modality")));
        AttributeZeroShot.Query missing = new AttributeZeroShot.Query("no_such_column", "{}", Map.of(), a -> true);
        List<ZeroShotRetrieval.Score> scores = AttributeZeroShot.evaluate(ckpt, held, List.of(visibleUpper, missing));
        assertEquals(2, scores.size(), scores.toString()); // caption + the one answerable query
        assertEquals(held.size(), scores.get(0).images());

        // the same numbers directly: visible images only, values swapped by the words map
        List<CaptionedImage> visible = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < held.size(); i++) {
            if ("visible".equals(held.get(i).attributes().get("modality"))) {
                String v = held.get(i).attributes().get("upper_colour");
                String w = v.equals("red") ? "green" : v.equals("green") ? "red" : v;
                visible.add(new CaptionedImage(held.get(i).image(), "", Map.of("upper_colour", w)));
                rows.add(i);
            }
        }
        try (ClipCheckpoint c = ClipCheckpoint.open(ckpt); ClipInference clip = ClipInference.load(c, 0, 0);
                ClipTokenizer tok = c.openTokenizer()) {
            var f = clip.encodeImages(visible.stream().map(CaptionedImage::image).toList(), 0, -1, 64, false);
            ZeroShotRetrieval.Score direct = ZeroShotRetrieval.attribute(clip, tok, visible, f, "upper_colour",
                    "a person in a {} top");
            assertEquals(direct, scores.get(1));
        }
        assertTrue(scores.get(1).images() < held.size(), "infrared images must not be asked about colours");
    }
}
