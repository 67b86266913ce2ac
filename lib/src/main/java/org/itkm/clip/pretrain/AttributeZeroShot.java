package org.itkm.clip.pretrain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.clip.inference.ClipInference;
import org.itkm.clip.tokenizer.ClipTokenizer;
import org.itkm.clip.zeroshot.CaptionedImage;
import org.itkm.clip.zeroshot.ZeroShotRetrieval;
import org.itkm.data.AttributeSidecar;
import org.itkm.io.FloatMatrix;
import org.itkm.io.InvalidInputException;

/**
 * Zero-shot attribute retrieval of a CLIP checkpoint on the held-out pairs of a caption corpus (the
 * SynthUMS one), after pre-training: for each attribute query, e.g. the upper garment's colour asked as
 * "a photo of a person wearing a {} top", the share of held-out images whose most similar prompt names
 * their true value, beside chance (one over the number of values). Attribute values come from the
 * corpus's {@code attributes.csv} sidecar, joined by image file; they are never used for training.
 */
public final class AttributeZeroShot {
    private AttributeZeroShot() {}

    /**
     * One attribute question.
     *
     * @param attribute column of {@code attributes.csv} (e.g. {@code upper_colour})
     * @param template prompt with {@code {}} where the value's words go
     * @param words the words a value is written with in prompts, where they differ from the value
     *     ({@code long-sleeve} → {@code long-sleeved top}); other values are used as they are
     * @param applies which images the question is asked of (colours only of visible images: infrared
     *     captions name no colours)
     */
    public record Query(String attribute, String template, Map<String, String> words,
            Predicate<Map<String, String>> applies) {
        /** The prompt words of an image's value. */
        String phrase(String value) {
            return words.getOrDefault(value, value);
        }
    }

    private static final Predicate<Map<String, String>> ALL = a -> true;
    private static final Predicate<Map<String, String>> VISIBLE = a -> "visible".equals(a.get("modality"));

    /**
     * The questions asked of a pocket CLIP pre-trained on SynthUMS, worded as its captions word them
     * (so that the word-level tokenizer knows every word).
     */
    public static final List<Query> SYNTHUMS = List.of(
            new Query("upper_colour", "a photo of a person wearing a {} top", Map.of(), VISIBLE),
            new Query("lower_colour", "a photo of a person wearing {} trousers", Map.of(), VISIBLE),
            new Query("hair_colour", "a photo of a person with {} hair", Map.of(),
                    VISIBLE.and(a -> !"bald".equals(a.get("hair_length")))),
            new Query("skin", "a photo of a person with {} skin", Map.of(), VISIBLE),
            new Query("upper_type", "a photo of a person wearing a {}", Map.of("long-sleeve", "long-sleeved top"), ALL),
            new Query("lower_type", "a photo of a person wearing {}", Map.of("skirt", "a skirt"), ALL),
            new Query("bag", "a photo of a person carrying a {}", Map.of("shoulder-bag", "shoulder bag"),
                    a -> a.get("bag") != null && !"none".equals(a.get("bag"))),
            new Query("viewpoint", "a photo of a person seen from the {}", Map.of(), ALL));

    /**
     * The pairs pre-training held out ({@link PocketClipPretraining#split} with the same fraction and
     * seed), each with the columns of the corpus's {@code attributes.csv} (when there is one) added to
     * its attributes.
     *
     * @param corpus the corpus directory (holding {@code captions.tsv} directly or in {@code captions/})
     */
    public static List<CaptionedImage> heldOut(Path corpus, double heldOutFraction, long seed) {
        List<CaptionedImage> held = PocketClipPretraining.split(CaptionCorpus.readTsv(corpus), heldOutFraction, seed)
                .heldOut();
        Path dir = Files.isRegularFile(corpus.resolve(CaptionCorpus.FILE_NAME)) ? corpus : corpus.resolve("captions");
        AttributeSidecar sidecar = AttributeSidecar.read(dir.resolve(AttributeSidecar.FILE_NAME));
        List<CaptionedImage> out = new ArrayList<>(held.size());
        for (CaptionedImage it : held) {
            Map<String, String> a = new LinkedHashMap<>(sidecar.of(it.image()));
            a.putAll(it.attributes());
            out.add(new CaptionedImage(it.image(), it.caption(), a));
        }
        return out;
    }

    /**
     * Scores a checkpoint: caption retrieval among the items' distinct captions first, then every query
     * that applies to at least one item and whose items show at least two values (otherwise there is
     * nothing to retrieve), each on the images it applies to.
     */
    public static List<ZeroShotRetrieval.Score> evaluate(Path checkpoint, List<CaptionedImage> items,
            List<Query> queries) {
        if (items.isEmpty()) {
            throw new InvalidInputException("no held-out caption pairs to evaluate " + checkpoint + " on");
        }
        List<ZeroShotRetrieval.Score> scores = new ArrayList<>();
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(checkpoint);
                ClipInference clip = ClipInference.load(ckpt, 0, 0);
                ClipTokenizer tokenizer = ckpt.openTokenizer()) {
            FloatMatrix features = clip.encodeImages(items.stream().map(CaptionedImage::image).toList(), 0, -1, 64,
                    false);
            scores.add(ZeroShotRetrieval.caption(clip, tokenizer, items, features));
            for (Query q : queries) {
                List<Integer> rows = new ArrayList<>();
                List<CaptionedImage> asked = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    Map<String, String> a = items.get(i).attributes();
                    String v = a.get(q.attribute());
                    if (v != null && !v.isEmpty() && q.applies().test(a)) {
                        rows.add(i);
                        asked.add(new CaptionedImage(items.get(i).image(), items.get(i).caption(),
                                Map.of(q.attribute(), q.phrase(v))));
                    }
                }
                if (asked.stream().map(c -> c.attributes().get(q.attribute())).distinct().count() < 2) {
                    continue;
                }
                scores.add(ZeroShotRetrieval.attribute(clip, tokenizer, asked,
                        features.selectRows(rows.stream().mapToInt(Integer::intValue).toArray()), q.attribute(),
                        q.template()));
            }
        }
        return scores;
    }
}
