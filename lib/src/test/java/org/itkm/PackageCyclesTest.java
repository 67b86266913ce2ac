package org.itkm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No two packages of the kit use each other, directly or around a longer loop ({@link PackageGraph}),
 * and every package says in its {@code package-info.java} what it holds and what it may import.
 */
class PackageCyclesTest {
    /** The library's sources (tests run in {@code lib/}). */
    static final Path SOURCES = Path.of("src", "main", "java");

    @Test
    void noCycleBetweenTheKitsPackages() {
        PackageGraph g = PackageGraph.read(SOURCES);
        assertTrue(g.packages().size() > 10, "read the kit's packages from " + SOURCES.toAbsolutePath());
        List<List<String>> cycles = g.cycles();
        assertTrue(cycles.isEmpty(), "packages that use each other (move a class to where its dependencies"
                + " point):\n" + cycles.stream().map(g::describe).collect(Collectors.joining("\n"))
                + "\nall the packages in these loops: " + g.tangles());
    }

    @Test
    void everyPackageSaysWhatItHolds() throws IOException {
        PackageGraph g = PackageGraph.read(SOURCES);
        List<String> missing = g.packages().stream()
                .filter(p -> !Files.isRegularFile(SOURCES.resolve(p.replace('.', '/')).resolve("package-info.java")))
                .toList();
        assertTrue(missing.isEmpty(), "packages without a package-info.java: " + missing);
    }

    @Test
    void aPlantedCycleIsFoundAndNamed(@TempDir Path dir) throws IOException {
        // a -> b by an import, b -> c by a qualified name in code, c -> a by a static import
        write(dir, "org/itkm/a/A.java", "package org.itkm.a;\nimport org.itkm.b.B;\n"
                + "public class A { public static int f() { return B.g(); } }\n");
        write(dir, "org/itkm/b/B.java", "package org.itkm.b;\n"
                + "public class B { public static int g() { return new org.itkm.c.C().h(); } }\n");
        write(dir, "org/itkm/c/C.java", "package org.itkm.c;\nimport static org.itkm.a.A.f;\n"
                + "public class C { public int h() { return 1; } int k() { return f(); } }\n");
        write(dir, "org/itkm/d/D.java", "package org.itkm.d;\nimport org.itkm.a.A;\npublic class D {}\n");

        PackageGraph g = PackageGraph.read(dir);
        List<List<String>> cycles = g.cycles();
        assertEquals(1, cycles.size(), "one cycle; d only uses a");
        assertEquals(List.of(java.util.Set.of("org.itkm.a", "org.itkm.b", "org.itkm.c")), g.tangles());
        assertEquals(List.of("org.itkm.a", "org.itkm.b", "org.itkm.c", "org.itkm.a"), cycles.get(0));
        String text = g.describe(cycles.get(0));
        assertTrue(text.contains("org.itkm.b (org/itkm/a/A.java)".replace('/', java.io.File.separatorChar)), text);
        assertTrue(text.contains("org.itkm.a (org/itkm/c/C.java)".replace('/', java.io.File.separatorChar)), text);
    }

    @Test
    void twoPackagesThatImportEachOtherAreACycle(@TempDir Path dir) throws IOException {
        write(dir, "org/itkm/train/T.java", "package org.itkm.train;\nimport org.itkm.report.*;\nclass T {}\n");
        write(dir, "org/itkm/report/R.java", "package org.itkm.report;\nimport org.itkm.train.T;\nclass R {}\n");
        assertEquals(List.of(List.of("org.itkm.report", "org.itkm.train", "org.itkm.report")),
                PackageGraph.read(dir).cycles());
    }

    @Test
    void namesInCommentsAndStringsAreNotDependencies(@TempDir Path dir) throws IOException {
        write(dir, "org/itkm/a/A.java", "package org.itkm.a;\nimport org.itkm.b.B;\nclass A { B b; }\n");
        write(dir, "org/itkm/b/B.java", "package org.itkm.b;\n/** Used by {@link org.itkm.a.A}. */\n"
                + "public class B {\n  // org.itkm.a.A calls this\n  String s = \"org.itkm.a.A\";\n"
                + "  char c = '\"';\n  String t = \"\"\"\n    org.itkm.a.A\n    \"\"\";\n}\n");
        PackageGraph g = PackageGraph.read(dir);
        assertEquals(java.util.Set.of("org.itkm.b"), g.dependencies("org.itkm.a"));
        assertFalse(g.dependencies("org.itkm.b").contains("org.itkm.a"));
        assertTrue(g.cycles().isEmpty());
    }

    private static void write(Path root, String file, String text) throws IOException {
        Path f = root.resolve(file);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }
}
