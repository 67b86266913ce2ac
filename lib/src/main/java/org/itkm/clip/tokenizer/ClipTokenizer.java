package org.itkm.clip.tokenizer;

/** Turns text into CLIP token ids. */
public interface ClipTokenizer extends AutoCloseable {
    /** Ids of the text with the begin and end tokens, truncated to {@code maxLength} (end token kept). */
    default int[] encode(String text, int maxLength) {
        int[] words = encodeWords(text);
        int n = Math.min(words.length, maxLength - 2);
        int[] ids = new int[n + 2];
        ids[0] = bosId();
        System.arraycopy(words, 0, ids, 1, n);
        ids[n + 1] = eosId();
        return ids;
    }

    /** Ids of the text without begin/end tokens. */
    int[] encodeWords(String text);

    /** Begin-of-text id. */
    int bosId();

    /** End-of-text id. */
    int eosId();

    @Override
    default void close() {}
}
