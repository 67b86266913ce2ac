package org.itkm.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.itkm.cli.ItkmCli;
import org.itkm.io.FloatMatrix;
import org.itkm.io.NpyFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The file outputs ({@code embed --out}, {@code embed-text --out}, {@code cluster --out}) and the results
 * root of {@code train} and {@code reproduce}: every bad path is one line and exit 2 before any work, nothing
 * is written; a good one is written whole (the old file or the new one, never half of one).
 */
class FileOutputCasesTest extends RobustnessCase {
    @TempDir
    static Path fixtures;
    static Path checkpoint;
    private Path features;
    private Path images;
    private Path texts;

    @BeforeAll
    static void checkpoint() {
        checkpoint = fixtures.resolve("clip");
        StringWriter err = new StringWriter();
        int exit = ItkmCli.execute(new String[] {"make-clip", "--arch", "vit-tiny", "--out", checkpoint.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, exit, err.toString());
    }

    @BeforeEach
    void inputs() throws IOException {
        features = cwd.resolve("features.npy");
        float[] x = new float[6 * 4];
        for (int i = 0; i < 6; i++) {
            x[i * 4 + i % 2] = 1; // two groups of three identical rows
        }
        NpyFile.write(features, new FloatMatrix(6, 4, x));
        images = cwd.resolve("images");
        Files.createDirectories(images);
        for (String name : List.of("a.png", "b.png")) {
            ImageIO.write(new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB), "png", images.resolve(name).toFile());
        }
        texts = cwd.resolve("texts.txt");
        Files.writeString(texts, "a photo of a person\n");
        snapshot();
    }

    /** The path a row names: "" as is, the others under the current folder. */
    private Path at(String rel) {
        return rel.isEmpty() ? Path.of("") : cwd.resolve(rel);
    }

    private String[] with(String out, String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.add("--out");
        a.add(out);
        return a.toArray(String[]::new);
    }

    @ParameterizedTest(name = "cluster --out ''{0}''")
    @CsvSource({
        "'', --out is empty, expected a file to write",
        "keep, is a folder, expected a file",
        "sentinel.txt/labels.txt, is a file, expected a path in a folder",
        "features.npy, is also --features, the input is never overwritten",
        "sentinel.txt, is not a labels file, never overwritten"})
    void clusterRefusesABadOut(String rel, String what, String expected) throws Exception {
        String out = at(rel).toString();
        Outcome o = run(with(out, "cluster", "--features", features.toString(), "--k1", "2", "--k2", "1",
                "--min-samples", "2"));
        assertBadInput(o, "--out", what, expected);
        assertNothingChangedExcept();
    }

    @Test
    void clusterRefusesTheCurrentFolder() throws Exception {
        Outcome o = runIn(cwd, "cluster", "--features", "features.npy", "--out", ".");
        assertBadInput(o, "--out .", "is the current folder", "expected a file");
        assertNothingChangedExcept();
    }

    @Test
    void clusterSaysPermissionDeniedForAFolderItCannotWriteIn() throws Exception {
        Path locked = cwd.resolve("locked");
        Files.createDirectories(locked);
        makeReadOnly(locked);
        snapshot();
        Outcome o = run("cluster", "--features", features.toString(), "--out", locked.resolve("labels.txt").toString());
        assertBadInput(o, "--out " + locked.resolve("labels.txt"), "permission denied");
        assertNothingChangedExcept();
    }

    @Test
    void clusterWritesItsLabelsWholeAndReplacesAnEarlierLabelsFile() throws Exception {
        Path labels = cwd.resolve("out/labels.txt");
        String[] args = with(labels.toString(), "cluster", "--features", features.toString(), "--k1", "2", "--k2", "1",
                "--min-samples", "2");
        assertSucceeded(run(args));
        assertEquals(6, Files.readAllLines(labels).size());
        Files.writeString(labels, "7\n7\n");
        assertSucceeded(run(args));
        assertEquals(6, Files.readAllLines(labels).size());
        assertNothingChangedExcept(cwd.resolve("out"));
    }

    @ParameterizedTest(name = "embed --out ''{0}''")
    @CsvSource({
        "'', --out is empty, e.g. --out features.npy",
        "images, is a folder, expected a file",
        "sentinel.txt/f.npy, is a file, expected a path in a folder",
        "sentinel.txt, is not a .npy file, never overwritten"})
    void embedRefusesABadOut(String rel, String what, String expected) throws Exception {
        Outcome o = run(with(at(rel).toString(), "embed", "--checkpoint", checkpoint.toString(), "--images",
                images.toString()));
        assertBadInput(o, "--out", what, expected);
        assertNothingChangedExcept();
    }

    @Test
    void embedWritesItsFeaturesWholeOverAnEarlierNpy() throws Exception {
        Path f = cwd.resolve("f.npy");
        String[] args = with(f.toString(), "embed", "--checkpoint", checkpoint.toString(), "--images", images.toString());
        assertSucceeded(run(args));
        assertSucceeded(run(args));
        assertEquals(2, NpyFile.readFloat32Matrix(f).rows());
        assertNothingChangedExcept(f);
    }

    @ParameterizedTest(name = "embed-text --out ''{0}''")
    @CsvSource({
        "texts.txt, is also --texts, the input is never overwritten",
        "keep, is a folder, expected a file"})
    void embedTextRefusesABadOut(String rel, String what, String expected) throws Exception {
        Outcome o = run(with(at(rel).toString(), "embed-text", "--checkpoint", checkpoint.toString(), "--texts",
                texts.toString()));
        assertBadInput(o, "--out", what, expected);
        assertNothingChangedExcept();
    }

    @ParameterizedTest(name = "{0} --results ''{1}''")
    @CsvSource({
        "train, '', --results is empty, expected a folder",
        "train, sentinel.txt, is a file, expected a folder",
        "train, sentinel.txt/results, is a file, expected a path in a folder",
        "reproduce, '', --results is empty, expected a folder",
        "reproduce, sentinel.txt, is a file, expected a folder"})
    void theResultsRootMustBeAFolder(String command, String rel, String what, String expected) throws Exception {
        Outcome o = run(command, "--profile", "smoke", "--results", at(rel).toString());
        assertBadInput(o, "--results", what, expected);
        assertNothingChangedExcept();
    }

    @Test
    void theResultsRootSaysPermissionDenied() throws Exception {
        Path locked = cwd.resolve("locked");
        Files.createDirectories(locked);
        makeReadOnly(locked);
        snapshot();
        Outcome o = run("train", "--profile", "smoke", "--results", locked.toString());
        assertBadInput(o, "--results " + locked, "permission denied");
        assertTrue(o.errLines().size() == 1, o.toString());
        assertNothingChangedExcept();
    }
}
