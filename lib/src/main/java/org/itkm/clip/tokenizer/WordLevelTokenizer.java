package org.itkm.clip.tokenizer;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pocket CLIP's word-level vocabulary, written as a Hugging Face {@code tokenizer.json} (lower-casing,
 * {@code Whitespace} pre-tokenizer {@code \w+|[^\w\s]+}, WordLevel model) so that format (a) checkpoints of
 * the pocket CLIP load like any other. Ids: 0 begin, 1 end, 2 pad, 3 unknown, then words sorted.
 */
public final class WordLevelTokenizer {
    private static final Pattern WORDS = Pattern.compile("\\w+|[^\\w\\s]+", Pattern.UNICODE_CHARACTER_CLASS);
    /** Padding token id. */
    public static final int PAD_ID = 2;

    private WordLevelTokenizer() {}

    /** The tokenizer.json text for the words of the given captions. */
    public static String buildJson(Collection<String> captions) {
        Map<String, Integer> vocab = vocabulary(captions);
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", JsonNull.INSTANCE);
        root.add("padding", JsonNull.INSTANCE);
        JsonArray added = new JsonArray();
        String[] specials = {HuggingFaceClipTokenizer.BOS, HuggingFaceClipTokenizer.EOS, "<pad>", "<unk>"};
        for (int i = 0; i < specials.length; i++) {
            JsonObject t = new JsonObject();
            t.addProperty("id", i);
            t.addProperty("content", specials[i]);
            t.addProperty("single_word", false);
            t.addProperty("lstrip", false);
            t.addProperty("rstrip", false);
            t.addProperty("normalized", false);
            t.addProperty("special", true);
            added.add(t);
        }
        root.add("added_tokens", added);
        JsonObject norm = new JsonObject();
        norm.addProperty("type", "Lowercase");
        root.add("normalizer", norm);
        JsonObject pre = new JsonObject();
        pre.addProperty("type", "Whitespace");
        root.add("pre_tokenizer", pre);
        root.add("post_processor", JsonNull.INSTANCE);
        root.add("decoder", JsonNull.INSTANCE);
        JsonObject model = new JsonObject();
        model.addProperty("type", "WordLevel");
        JsonObject v = new JsonObject();
        vocab.forEach(v::addProperty);
        model.add("vocab", v);
        model.addProperty("unk_token", "<unk>");
        root.add("model", model);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root);
    }

    /** Token -> id: the four special tokens, then the captions' words in sorted order. */
    public static Map<String, Integer> vocabulary(Collection<String> captions) {
        TreeMap<String, Boolean> words = new TreeMap<>();
        for (String c : captions) {
            Matcher m = WORDS.matcher(c.toLowerCase(Locale.ROOT));
            while (m.find()) {
                words.put(m.group(), true);
            }
        }
        Map<String, Integer> vocab = new java.util.LinkedHashMap<>();
        vocab.put(HuggingFaceClipTokenizer.BOS, 0);
        vocab.put(HuggingFaceClipTokenizer.EOS, 1);
        vocab.put("<pad>", PAD_ID);
        vocab.put("<unk>", 3);
        for (String w : words.keySet()) {
            vocab.put(w, vocab.size());
        }
        return vocab;
    }
}
