package org.itkm.clip.checkpoint;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.itkm.clip.tokenizer.ClipBpeTokenizer;
import org.itkm.clip.tokenizer.HuggingFaceClipTokenizer;
import org.itkm.io.AtomicFiles;

/**
 * A synthetic CLIP BPE vocabulary of a given size, the same every time: OpenAI's layout (256 byte symbols,
 * the same with {@code </w>}, one token per merge, {@code <|startoftext|>}, {@code <|endoftext|>}; 49,408
 * tokens for ViT-B/16), but the merges are made up, not OpenAI's: each joins two byte symbols, letters in
 * English frequency order first, then digits, punctuation and the other bytes. It exists so that prompts
 * tokenize and run through the text tower of a checkpoint made without internet access; the ids differ
 * from OpenAI's. Written in both forms the kit reads: OpenAI's {@code bpe_simple_vocab_16e6.txt.gz} and
 * a Hugging Face {@code tokenizer.json} (with {@code vocab.json}, {@code merges.txt} and the two small
 * tokenizer configs the Hub ships beside it).
 */
public final class SyntheticClipVocabulary {
    /** First line of both merge files; the readers skip it. */
    static final String HEADER = "#version: 0.2 - SYNTHETIC vocabulary made by itkm make-clip, NOT OpenAI's";
    private static final String BYTE_ORDER = "etaoinshrdlcumwfgypbvkjxqz0123456789.,'-!?\"():;/&";
    private final List<String[]> merges;

    /** A vocabulary of {@code vocabSize} tokens (514 + merges; at most 49,408). */
    public SyntheticClipVocabulary(int vocabSize) {
        int count = vocabSize - 514;
        if (count < 0 || count > ClipBpeTokenizer.maxMerges()) {
            throw new IllegalArgumentException("a CLIP BPE vocabulary has 514 to " + (514 + ClipBpeTokenizer.maxMerges())
                    + " tokens, not " + vocabSize);
        }
        char[] symbol = ClipBpeTokenizer.byteEncoderTable();
        Integer[] bytes = new Integer[256];
        for (int b = 0; b < 256; b++) {
            bytes[b] = b;
        }
        java.util.Arrays.sort(bytes, Comparator.comparingInt(SyntheticClipVocabulary::priority));
        List<int[]> pairs = new ArrayList<>(); // (rank of left, rank of right, word end)
        for (int i = 0; i < 256; i++) {
            for (int j = 0; j < 256; j++) {
                pairs.add(new int[] {i, j, 1});
                pairs.add(new int[] {i, j, 0});
            }
        }
        pairs.sort(Comparator.<int[]>comparingInt(p -> Math.max(p[0], p[1])).thenComparingInt(p -> p[0])
                .thenComparingInt(p -> p[1]).thenComparingInt(p -> p[2]));
        List<String[]> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int[] p = pairs.get(k);
            out.add(new String[] {String.valueOf(symbol[bytes[p[0]]]),
                symbol[bytes[p[1]]] + (p[2] == 1 ? "</w>" : "")});
        }
        merges = Collections.unmodifiableList(out);
    }

    /** Letters by English frequency, then digits and punctuation, then every other byte by value. */
    private static int priority(int b) {
        int i = BYTE_ORDER.indexOf((char) b);
        return i >= 0 ? i : 1000 + b;
    }

    /** The merges, by rank. */
    public List<String[]> merges() {
        return merges;
    }

    /** Every token in id order. */
    public List<String> tokens() {
        return ClipBpeTokenizer.vocabulary(merges);
    }

    /** Writes OpenAI's form: a gzip of the header line and one "left right" merge per line. */
    public void writeOpenAi(Path file) throws IOException {
        AtomicFiles.write(file, raw -> {
            GZIPOutputStream gz = new GZIPOutputStream(raw); // header time 0: the same bytes every run
            gz.write(mergesText().getBytes(StandardCharsets.UTF_8));
            gz.finish();
        });
    }

    private String mergesText() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (String[] m : merges) {
            sb.append(m[0]).append(' ').append(m[1]).append('\n');
        }
        return sb.toString();
    }

    /**
     * Writes the Hugging Face tokenizer files into {@code dir}: {@code tokenizer.json} (what the kit reads:
     * CLIP's normalizer, split pattern, byte-level BPE with {@code </w>} word ends), {@code vocab.json},
     * {@code merges.txt}, {@code tokenizer_config.json} and {@code special_tokens_map.json}.
     */
    public void writeHuggingFace(Path dir) throws IOException {
        Gson gson = new GsonBuilder().disableHtmlEscaping().create();
        List<String> tokens = tokens();
        int bos = tokens.size() - 2;
        int eos = tokens.size() - 1;
        JsonObject vocab = new JsonObject();
        for (int i = 0; i < tokens.size(); i++) {
            vocab.addProperty(tokens.get(i), i);
        }
        JsonArray mergeList = new JsonArray();
        for (String[] m : merges) {
            mergeList.add(m[0] + " " + m[1]);
        }
        JsonObject t = new JsonObject();
        t.addProperty("version", "1.0");
        t.add("truncation", null);
        t.add("padding", null);
        JsonArray added = new JsonArray();
        added.add(addedToken(bos, HuggingFaceClipTokenizer.BOS));
        added.add(addedToken(eos, HuggingFaceClipTokenizer.EOS));
        t.add("added_tokens", added);
        t.add("normalizer", gson.fromJson("{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"NFC\"},{\"type\":"
                + "\"Replace\",\"pattern\":{\"Regex\":\"\\\\s+\"},\"content\":\" \"},{\"type\":\"Lowercase\"}]}",
                JsonObject.class));
        t.add("pre_tokenizer", gson.fromJson("{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Split\","
                + "\"pattern\":{\"Regex\":\"<\\\\|startoftext\\\\|>|<\\\\|endoftext\\\\|>|'s|'t|'re|'ve|'m|'ll|'d"
                + "|[\\\\p{L}]+|[\\\\p{N}]|[^\\\\s\\\\p{L}\\\\p{N}]+\"},\"behavior\":\"Removed\",\"invert\":true},"
                + "{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":false}]}",
                JsonObject.class));
        JsonObject post = new JsonObject();
        post.addProperty("type", "RobertaProcessing");
        post.add("sep", pair(HuggingFaceClipTokenizer.EOS, eos));
        post.add("cls", pair(HuggingFaceClipTokenizer.BOS, bos));
        post.addProperty("trim_offsets", false);
        post.addProperty("add_prefix_space", false);
        t.add("post_processor", post);
        t.add("decoder", gson.fromJson("{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":true,"
                + "\"use_regex\":true}", JsonObject.class));
        JsonObject model = new JsonObject();
        model.addProperty("type", "BPE");
        model.add("dropout", null);
        model.addProperty("unk_token", HuggingFaceClipTokenizer.EOS);
        model.addProperty("continuing_subword_prefix", "");
        model.addProperty("end_of_word_suffix", "</w>");
        model.addProperty("fuse_unk", false);
        model.addProperty("byte_fallback", false);
        model.add("vocab", vocab);
        model.add("merges", mergeList);
        t.add("model", model);
        Gson nulls = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
        AtomicFiles.writeString(dir.resolve(HuggingFaceClipDirectory.TOKENIZER), nulls.toJson(t));
        AtomicFiles.writeString(dir.resolve("vocab.json"), gson.toJson(vocab));
        AtomicFiles.writeString(dir.resolve("merges.txt"), mergesText());
        JsonObject special = new JsonObject();
        special.addProperty("bos_token", HuggingFaceClipTokenizer.BOS);
        special.addProperty("eos_token", HuggingFaceClipTokenizer.EOS);
        special.addProperty("unk_token", HuggingFaceClipTokenizer.EOS);
        special.addProperty("pad_token", HuggingFaceClipTokenizer.EOS);
        Gson pretty = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();
        AtomicFiles.writeString(dir.resolve("special_tokens_map.json"), pretty.toJson(special));
        JsonObject config = special.deepCopy();
        config.addProperty("tokenizer_class", "CLIPTokenizer");
        config.addProperty("model_max_length", 77);
        config.addProperty("do_lower_case", true);
        config.addProperty("errors", "replace");
        AtomicFiles.writeString(dir.resolve("tokenizer_config.json"), pretty.toJson(config));
    }

    private static JsonObject addedToken(int id, String content) {
        JsonObject o = new JsonObject();
        o.addProperty("id", id);
        o.addProperty("content", content);
        o.addProperty("single_word", false);
        o.addProperty("lstrip", false);
        o.addProperty("rstrip", false);
        o.addProperty("normalized", false);
        o.addProperty("special", true);
        return o;
    }

    private static JsonArray pair(String token, int id) {
        JsonArray a = new JsonArray();
        a.add(token);
        a.add(id);
        return a;
    }
}
