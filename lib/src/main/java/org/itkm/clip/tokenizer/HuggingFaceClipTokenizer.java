package org.itkm.clip.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.itkm.io.InvalidInputException;

/**
 * A checkpoint's {@code tokenizer.json} run by the Hugging Face tokenizers library (DJL binding, native
 * library bundled in its jar). The begin/end ids are the added tokens {@code <|startoftext|>} and
 * {@code <|endoftext|>} (CLIP's names, also used by the pocket CLIP's word-level tokenizer).
 */
public final class HuggingFaceClipTokenizer implements ClipTokenizer {
    /** CLIP's begin-of-text token. */
    public static final String BOS = "<|startoftext|>";
    /** CLIP's end-of-text token. */
    public static final String EOS = "<|endoftext|>";

    private final HuggingFaceTokenizer tokenizer;
    private final int bos;
    private final int eos;

    private HuggingFaceClipTokenizer(HuggingFaceTokenizer tokenizer, int bos, int eos) {
        this.tokenizer = tokenizer;
        this.bos = bos;
        this.eos = eos;
    }

    /** Loads {@code tokenizer.json}. */
    public static HuggingFaceClipTokenizer load(Path tokenizerJson) {
        Map<String, Integer> special = specialTokenIds(tokenizerJson);
        Integer bos = special.get(BOS);
        Integer eos = special.get(EOS);
        if (bos == null || eos == null) {
            throw new InvalidInputException(tokenizerJson + ": expected added tokens " + BOS + " and " + EOS);
        }
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.builder().optTokenizerPath(tokenizerJson)
                    .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build();
            return new HuggingFaceClipTokenizer(t, bos, eos);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("cannot load tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
        }
    }

    /** Ids of the {@code added_tokens} of a tokenizer.json (content -> id). */
    public static Map<String, Integer> specialTokenIds(Path tokenizerJson) {
        try {
            JsonObject json = JsonParser.parseString(Files.readString(tokenizerJson, StandardCharsets.UTF_8))
                    .getAsJsonObject();
            Map<String, Integer> out = new java.util.HashMap<>();
            if (json.has("added_tokens")) {
                for (JsonElement e : json.getAsJsonArray("added_tokens")) {
                    JsonObject t = e.getAsJsonObject();
                    out.put(t.get("content").getAsString(), t.get("id").getAsInt());
                }
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("missing file " + tokenizerJson + " (the checkpoint's tokenizer)");
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("cannot read " + tokenizerJson + " as JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public int[] encodeWords(String text) {
        Encoding enc = tokenizer.encode(text, false, false);
        long[] ids = enc.getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    @Override
    public int bosId() {
        return bos;
    }

    @Override
    public int eosId() {
        return eos;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
