package org.itkm.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.itkm.io.InvalidInputException;

/**
 * A short identifier of a data set's files for run manifests: SHA-256 over every split's file names
 * (relative to the root), sizes and cameras, in order. Cheap (no image is read) and changes whenever a
 * file is added, removed, renamed or resized.
 */
public final class DatasetFingerprint {
    private DatasetFingerprint() {}

    /** The first 16 hex digits of the digest. */
    public static String of(ReidDataset d) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((d.layout() + "\n").getBytes(StandardCharsets.UTF_8));
            for (Split s : Split.values()) {
                md.update((s.label() + "\n").getBytes(StandardCharsets.UTF_8));
                for (Sample x : d.split(s)) {
                    String rel = d.root().relativize(x.path()).toString().replace('\\', '/');
                    long size = Files.size(x.path());
                    md.update((rel + "\t" + size + "\t" + x.camid() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new InvalidInputException(d.root() + ": cannot read file sizes for the fingerprint (" + e.getMessage()
                    + ")", e);
        }
    }
}
