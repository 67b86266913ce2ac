package org.itkm.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotebookContextTest {
    /** Tests run in lib/: the kit's folder is its parent, as for a notebook in notebooks/. */
    private static final Path KIT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void readsProfileAndHomeFromTheEnvironment() {
        try (NotebookContext nb = NotebookContext.open(Map.of("ITKM_PROFILE", "smoke", "ITKM_HOME", ".."))) {
        assertEquals("smoke", nb.profile());
        assertEquals(KIT, nb.home());
        assertEquals(KIT.resolve("results/smoke"), nb.workspace().profileDir().toAbsolutePath().normalize());
        assertEquals(KIT.resolve("results/smoke/tables"), nb.report().tables().toAbsolutePath().normalize());
        assertEquals("this kit, smoke profile", nb.caption().source());
        assertTrue(nb.toString().startsWith("profile smoke, data SynthUMS "), nb.toString());
        assertTrue(nb.toString().endsWith("results results/smoke"), nb.toString());
        }
    }

    @Test
    void holdsItsResultsFolderUntilClosed() throws Exception {
        Path lockFile = KIT.resolve("results/smoke").resolve(org.itkm.io.ResultsFolderLock.FILE);
        try (NotebookContext nb = NotebookContext.open(Map.of("ITKM_PROFILE", "smoke", "ITKM_HOME", ".."))) {
            String holder = java.nio.file.Files.readString(lockFile);
            assertTrue(holder.contains("a notebook (profile smoke)"), holder);
            assertTrue(holder.contains(Long.toString(ProcessHandle.current().pid())), holder);
        }
    }

    @Test
    void defaultsToTheQuickProfileAndTheNotebookFoldersParent() {
        try (NotebookContext nb = NotebookContext.open(Map.of())) {
            assertEquals("quick", nb.profile());
            assertEquals(Path.of("..").toAbsolutePath().normalize(), nb.home());
            assertEquals("Table 1 (quick profile, SynthUMS quick)", nb.caption().title("Table 1", ""));
        }
    }

    @Test
    void aMissingHomeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NotebookContext.open(Map.of("ITKM_HOME", "/no/such/kit")));
        assertTrue(e.getMessage().contains("/no/such/kit"), e.getMessage());
    }
}
