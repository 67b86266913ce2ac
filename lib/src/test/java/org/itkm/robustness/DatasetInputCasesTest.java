package org.itkm.robustness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.itkm.io.ReadAccess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Data set folders and files the user may not read: an error naming the path and "permission denied",
 * never images that silently vanish from the summary or from training. As root chmod restricts nothing, so
 * the cases refuse the path through {@link ReadAccess#refuseForTesting} (the kit's one read-access check);
 * the chmod case runs where the system enforces it and is skipped elsewhere.
 */
class DatasetInputCasesTest extends RobustnessCase {
    @TempDir
    static Path shared;
    static Path synth;

    Path data;

    @BeforeAll
    static void synthTiny() {
        synth = InputFixtures.synthTiny(shared.resolve("synth"));
    }

    @BeforeEach
    void copyData() throws Exception {
        data = InputFixtures.copy(synth, cwd.resolve("data"));
        snapshot();
    }

    /** data summary without the group division and without decoding every image (listing is what fails). */
    private Outcome summary() {
        return run("data", "summary", data.toString(), "--no-groups", "--no-verify");
    }

    private Outcome refusing(Path refused, String... args) {
        try (ReadAccess.Refusal r = ReadAccess.refuseForTesting(p -> p.equals(refused))) {
            return run(args);
        }
    }

    private static Path first(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void aSysuCameraFolderOfMode000IsAnErrorWhereTheSystemEnforcesIt() throws Exception {
        Path cam = data.resolve("SYSU-MM01/cam3");
        Files.setPosixFilePermissions(cam, PosixFilePermissions.fromString("---------"));
        try {
            Assumptions.assumeFalse(Files.isReadable(cam), "running as root: mode 000 restricts nothing here;"
                    + " the refused-path cases cover it");
            snapshot();
            assertBadInput(summary(), cam.toString(), "permission denied");
        } finally {
            Files.setPosixFilePermissions(cam, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertNothingChangedExcept();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SYSU-MM01/cam3", "SYSU-MM01/cam6/0001", "SYSU-MM01/exp/test_id.txt", "SYSU-MM01/exp",
        "LTCC_ReID/query", "MLR-CUHK03/bounding_box_test", "(the data set folder)"})
    void anUnreadableFolderOrListIsNamed(String relative) throws Exception {
        Path refused = relative.startsWith("(") ? data : data.resolve(relative);
        assertTrue(Files.exists(refused), refused + " should be in SynthUMS tiny");
        Outcome o = refusing(refused, "data", "summary", data.toString(), "--no-groups", "--no-verify");
        assertBadInput(o, refused.toString(), "permission denied");
        assertNothingChangedExcept();
    }

    @ParameterizedTest(name = "an image of {0}")
    @ValueSource(strings = {"SYSU-MM01/cam1/0001", "LTCC_ReID/train", "MLR-CUHK03/query"})
    void anUnreadableImageIsNamedEvenWithoutVerifying(String folder) throws Exception {
        Path image = first(data.resolve(folder));
        Outcome o = refusing(image, "data", "summary", data.toString(), "--no-groups", "--no-verify");
        assertBadInput(o, image.toString(), "permission denied");
        assertNothingChangedExcept();
    }

    @Test
    void skippingUnreadableImagesNeverSkipsARefusedOne() throws Exception {
        Path image = first(data.resolve("LTCC_ReID/test"));
        Outcome o = refusing(image, "data", "summary", data.toString(), "--no-groups", "--on-unreadable", "skip");
        assertBadInput(o, image.toString(), "permission denied");
        assertNothingChangedExcept();
    }

    @Test
    void anUnreadableEmbedImageFolderIsNamed() throws Exception {
        Path images = InputFixtures.images(cwd.resolve("images"), 1);
        snapshot();
        Outcome o = refusing(images, "embed", "--checkpoint", cwd.resolve("no-clip").toString(), "--images",
                images.toString(), "--out", cwd.resolve("f.npy").toString());
        assertBadInput(o, images.toString(), "permission denied");
        assertNothingChangedExcept();
    }

    @Test
    void anUnreadableFeatureFileIsNamed() throws Exception {
        Path f = InputFixtures.features(cwd.resolve("f.npy"), 4, 8, 1);
        snapshot();
        Outcome o = refusing(f, "cluster", "--features", f.toString());
        assertBadInput(o, f.toString(), "permission denied");
        assertNothingChangedExcept();
    }

    @Test
    void aMissingCameraFolderStaysAClearError() throws Exception {
        Path cam = data.resolve("SYSU-MM01/cam5");
        org.itkm.io.FileTrees.delete(cam);
        snapshot();
        assertBadInput(summary(), cam.toString(), "directory not found", "SYSU-MM01 camera folder cam5");
        assertNothingChangedExcept();
    }

    @Test
    void aCorruptImageIsNamedAndSkipIsShown() throws Exception {
        Path image = first(data.resolve("LTCC_ReID/train"));
        byte[] b = Files.readAllBytes(image);
        Files.write(image, java.util.Arrays.copyOf(b, 100));
        snapshot();
        assertBadInput(run("data", "summary", data.toString(), "--no-groups"), image.toString(), "truncated");
        Outcome skipped = run("data", "summary", data.toString(), "--no-groups", "--on-unreadable", "skip");
        assertTrue(skipped.exit() == 0 && skipped.out().contains("unreadable images skipped: 1"), skipped.toString());
        assertNothingChangedExcept();
    }

    @Test
    void anIdListWithNonsenseIsNamed() throws Exception {
        Path ids = data.resolve("SYSU-MM01/exp/test_id.txt");
        Files.writeString(ids, "1,2,x\n");
        snapshot();
        assertBadInput(summary(), ids.toString(), "'x' is not a person id");
        assertNothingChangedExcept();
    }

    @Test
    void aMetadataCsvWithoutCamidIsNamed() throws Exception {
        Path q = InputFixtures.features(cwd.resolve("q.npy"), 3, 4, 1);
        Path csv = cwd.resolve("q.csv");
        Files.writeString(csv, "pid,clothes\n1,\n2,\n3,\n");
        snapshot();
        Outcome o = run("evaluate", "--query-features", q.toString(), "--gallery-features", q.toString(),
                "--query-meta", csv.toString(), "--gallery-meta", csv.toString(), "--protocol", "standard");
        assertBadInput(o, csv.toString(), "pid and camid");
        assertNothingChangedExcept();
    }

    @Test
    void anNpyOfTheWrongDtypeIsNamed() throws Exception {
        Path f = cwd.resolve("f64.npy");
        // a float64 header: the same bytes as float32 data would be read as garbage
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }";
        String header = dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n";
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + header.length() + 32)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length())
                .put(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Files.write(f, b.array());
        snapshot();
        assertBadInput(run("cluster", "--features", f.toString()), f.toString(), "wrong dtype '<f8'", "float32");
        assertNothingChangedExcept();
    }
}
