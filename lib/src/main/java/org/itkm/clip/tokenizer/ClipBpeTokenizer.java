package org.itkm.clip.tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.itkm.io.InvalidInputException;

/**
 * OpenAI CLIP's byte-level BPE tokenizer ({@code simple_tokenizer.py}) over its merges file
 * ({@code bpe_simple_vocab_16e6.txt[.gz]}): lower-cased, whitespace-collapsed text is split by CLIP's
 * pattern, each piece's UTF-8 bytes are mapped to printable characters and merged by rank, with
 * {@code </w>} marking word ends. Vocabulary: 256 byte symbols, the same with {@code </w>}, one token per
 * merge (first 48,894 merges at most, as OpenAI), then {@code <|startoftext|>} and {@code <|endoftext|>}.
 * Not reproduced: {@code ftfy} mojibake repair (HTML entities are unescaped for the common cases).
 */
public final class ClipBpeTokenizer implements ClipTokenizer {
    private static final int MAX_MERGES = 49152 - 256 - 2;
    private static final Pattern PIECES = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private final char[] byteEncoder = new char[256];
    private final Map<String, Integer> encoder = new HashMap<>();
    private final Map<String, Integer> ranks = new HashMap<>();
    private final Map<String, String[]> cache = new HashMap<>();
    private final int bos;
    private final int eos;
    private final int vocabSize;

    private ClipBpeTokenizer(List<String[]> merges) {
        System.arraycopy(byteEncoderTable(), 0, byteEncoder, 0, 256);
        for (int i = 0; i < merges.size(); i++) {
            String[] m = merges.get(i);
            ranks.put(m[0] + " " + m[1], i);
        }
        List<String> vocab = vocabulary(merges);
        for (int i = 0; i < vocab.size(); i++) {
            encoder.put(vocab.get(i), i);
        }
        vocabSize = vocab.size();
        bos = encoder.get(HuggingFaceClipTokenizer.BOS);
        eos = encoder.get(HuggingFaceClipTokenizer.EOS);
    }

    /** GPT-2's {@code bytes_to_unicode}: bytes in vocabulary order ([0]) and the character for each ([1]). */
    private static int[][] byteSymbols() {
        List<Integer> bs = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) {
            bs.add(b);
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            bs.add(b);
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            bs.add(b);
        }
        List<Integer> cs = new ArrayList<>(bs);
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (!bs.contains(b)) {
                bs.add(b);
                cs.add(256 + n++);
            }
        }
        return new int[][] {bs.stream().mapToInt(Integer::intValue).toArray(),
            cs.stream().mapToInt(Integer::intValue).toArray()};
    }

    /** The printable character that stands for each byte value in token strings. */
    public static char[] byteEncoderTable() {
        int[][] s = byteSymbols();
        char[] out = new char[256];
        for (int i = 0; i < 256; i++) {
            out[s[0][i]] = (char) s[1][i];
        }
        return out;
    }

    /**
     * Every token in id order for a merge list: the 256 byte symbols, the same with {@code </w>}, one token per
     * merge, then {@code <|startoftext|>} and {@code <|endoftext|>} (OpenAI's {@code simple_tokenizer} order).
     */
    public static List<String> vocabulary(List<String[]> merges) {
        List<String> vocab = new ArrayList<>();
        for (int c : byteSymbols()[1]) {
            vocab.add(String.valueOf((char) c));
        }
        for (int i = 0; i < 256; i++) {
            vocab.add(vocab.get(i) + "</w>");
        }
        for (String[] m : merges) {
            vocab.add(m[0] + m[1]);
        }
        vocab.add(HuggingFaceClipTokenizer.BOS);
        vocab.add(HuggingFaceClipTokenizer.EOS);
        return vocab;
    }

    /** The most merges the tokenizer reads (OpenAI's 49,408-token vocabulary). */
    public static int maxMerges() {
        return MAX_MERGES;
    }

    /** Reads a merges file (plain or gzip): a header line, then one "left right" merge per line. */
    public static ClipBpeTokenizer load(Path file) {
        String text;
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("missing BPE vocabulary " + file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read BPE vocabulary " + file + ": " + org.itkm.io.IoReasons.of(e), e);
        }
        String[] lines = text.split("\n", -1);
        List<String[]> merges = new ArrayList<>();
        for (int i = 1; i < lines.length && merges.size() < MAX_MERGES; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(" ");
            if (parts.length != 2) {
                throw new InvalidInputException(file + " line " + (i + 1) + ": expected two symbols, found '" + line + "'");
            }
            merges.add(parts);
        }
        return new ClipBpeTokenizer(merges);
    }

    /** Number of token ids. */
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public int[] encodeWords(String text) {
        String clean = unescapeHtml(text).strip().replaceAll("\\s+", " ").strip().toLowerCase(java.util.Locale.ROOT);
        List<Integer> ids = new ArrayList<>();
        Matcher m = PIECES.matcher(clean);
        while (m.find()) {
            Integer special = encoder.get(m.group());
            if (m.group().startsWith("<|") && special != null) {
                ids.add(special);
                continue;
            }
            byte[] bytes = m.group().getBytes(StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder();
            for (byte b : bytes) {
                sb.append(byteEncoder[b & 0xff]);
            }
            for (String symbol : bpe(sb.toString())) {
                ids.add(encoder.get(symbol));
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private String[] bpe(String token) {
        String[] cached = cache.get(token);
        if (cached != null) {
            return cached;
        }
        List<String> word = new ArrayList<>();
        for (int i = 0; i < token.length() - 1; i++) {
            word.add(String.valueOf(token.charAt(i)));
        }
        word.add(token.charAt(token.length() - 1) + "</w>");
        while (word.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            String first = null;
            String second = null;
            for (int i = 0; i < word.size() - 1; i++) {
                Integer r = ranks.get(word.get(i) + " " + word.get(i + 1));
                if (r != null && r < bestRank) {
                    bestRank = r;
                    first = word.get(i);
                    second = word.get(i + 1);
                }
            }
            if (first == null) {
                break;
            }
            List<String> merged = new ArrayList<>();
            for (int i = 0; i < word.size(); i++) {
                if (i < word.size() - 1 && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
                    merged.add(first + second);
                    i++;
                } else {
                    merged.add(word.get(i));
                }
            }
            word = merged;
        }
        String[] out = word.toArray(new String[0]);
        if (cache.size() < 100_000) {
            cache.put(token, out);
        }
        return out;
    }

    private static String unescapeHtml(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    @Override
    public int bosId() {
        return bos;
    }

    @Override
    public int eosId() {
        return eos;
    }
}
