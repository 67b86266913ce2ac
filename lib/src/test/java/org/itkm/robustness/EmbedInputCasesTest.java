package org.itkm.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.itkm.io.NpyFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code embed} and {@code embed-text} given options and inputs that make no sense for them. */
class EmbedInputCasesTest extends RobustnessCase {
    @TempDir
    static Path shared;
    static Path base;

    Path ckpt;
    Path images;
    Path out;

    @BeforeAll
    static void tinyClip() throws Exception {
        base = InputFixtures.huggingFaceClip(shared.resolve("clip"));
    }

    @BeforeEach
    void inputs() throws Exception {
        ckpt = InputFixtures.copy(base, cwd.resolve("clip"));
        images = InputFixtures.images(cwd.resolve("images"), 2);
        out = cwd.resolve("features.npy");
        snapshot();
    }

    private Outcome embed(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("embed", "--checkpoint", ckpt.toString(), "--images",
                images.toString(), "--out", out.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "--input-size {0}")
    @CsvSource(delimiter = '|', value = {
        "7x7 | a multiple of the patch size 16",
        "40x40 | a multiple of the patch size 16",
        "0x0 | each side from 1 patch to 1024",
        "-16x16 | each side from 1 patch to 1024",
        "2048x128 | each side from 1 patch to 1024",
        "7y7 | must be HEIGHTxWIDTH",
    })
    void anInputSizeThatFitsNoPatchGridIsOneLine(String size, String expected) throws Exception {
        Outcome o = embed("--input-size", size);
        assertBadInput(o, "--input-size", expected);
        assertNothingChangedExcept();
    }

    @Test
    void aZeroBatchSizeIsRefusedWithItsBound() throws Exception {
        assertBadInput(embed("--batch-size", "0"), "--batch-size 0", "expected 1 to 1024");
        assertNothingChangedExcept();
    }

    @Test
    void aBatchTooLargeForItsInputSizeIsRefusedBeforeAllocating() throws Exception {
        Path many = InputFixtures.images(cwd.resolve("many"), 90);
        snapshot();
        Outcome o = run("embed", "--checkpoint", ckpt.toString(), "--images", many.toString(), "--out", out.toString(),
                "--input-size", "1024x1024", "--batch-size", "1024");
        assertBadInput(o, "--batch-size 1024 at 1024x1024", "expected at most 1024 MiB", "85 or less");
        assertNothingChangedExcept();
    }

    @ParameterizedTest(name = "--scenario {0}")
    @CsvSource(delimiter = '|', value = {"-5 | expected VI, CC, CR or none (the scenarios are named, not numbered)",
        "-1 | expected VI, CC, CR or none (-1 is now none)", "2 | expected VI, CC, CR or none (row 2 is CR)",
        "XY | expected VI, CC, CR or none"})
    void aScenarioOutsideTheTableIsRefused(String scenario, String expected) throws Exception {
        assertBadInput(embed("--scenario", scenario), "--scenario " + scenario, expected);
        assertNothingChangedExcept();
    }

    @Test
    void aCorruptPngIsNamed() throws Exception {
        Path bad = images.resolve("img1.png");
        InputFixtures.truncate(bad);
        snapshot();
        assertBadInput(embed(), bad.toString(), "truncated");
        assertNothingChangedExcept();
    }

    @Test
    void anEmptyImageFolderIsNamed() throws Exception {
        Path empty = Files.createDirectories(cwd.resolve("empty"));
        snapshot();
        Outcome o = run("embed", "--checkpoint", ckpt.toString(), "--images", empty.toString(), "--out", out.toString());
        assertBadInput(o, empty.toString(), "holds no .png/.jpg/.jpeg files");
        assertNothingChangedExcept();
    }

    @Test
    void aFileGivenAsTheImageFolderIsNamed() throws Exception {
        Path file = cwd.resolve("sentinel.txt");
        Outcome o = run("embed", "--checkpoint", ckpt.toString(), "--images", file.toString(), "--out", out.toString());
        assertBadInput(o, file.toString(), "is not a directory");
        assertNothingChangedExcept();
    }

    private Path texts() throws Exception {
        Path t = cwd.resolve("texts.txt");
        Files.writeString(t, "a person in a red coat\n" + "red ".repeat(100).trim() + "\na person\n"
                + "blue ".repeat(80).trim() + "\n");
        snapshot();
        return t;
    }

    @Test
    void textsLongerThanTheContextAreAnErrorNamingTheLines() throws Exception {
        Path t = texts();
        Outcome o = run("embed-text", "--checkpoint", ckpt.toString(), "--texts", t.toString(), "--out",
                out.toString());
        assertBadInput(o, t.toString(), "2 of 4 texts", "context length 77", "lines 2 (", "4 (", "--truncate");
        assertNothingChangedExcept();
    }

    @Test
    void truncateCutsThemWithAWarningNamingTheLines() throws Exception {
        Path t = texts();
        Outcome o = run("embed-text", "--checkpoint", ckpt.toString(), "--texts", t.toString(), "--out",
                out.toString(), "--truncate");
        assertSucceeded(o);
        assertTrue(o.errLines().stream().anyMatch(l -> l.startsWith("warning: cut 2 of 4 texts")
                && l.contains("lines 2 (") && l.contains("context length 77")), o.toString());
        assertEquals(4, NpyFile.readFloat32Matrix(out).rows());
        assertNothingChangedExcept(out);
    }

    @Test
    void anAbsurdTextBatchSizeIsRefusedWithItsBound() throws Exception {
        Path ids = cwd.resolve("ids.txt");
        Files.writeString(ids, "0 5 2\n");
        snapshot();
        Outcome o = run("embed-text", "--checkpoint", ckpt.toString(), "--token-ids", ids.toString(), "--out",
                out.toString(), "--batch-size", "2000000000");
        assertBadInput(o, "--batch-size 2000000000", "expected 1 to 4096");
        assertNothingChangedExcept();
    }
}
