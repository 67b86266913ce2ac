package org.itkm.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link in the user documentation (README.md, docs/**.md, environment/README.md) names a file or
 * folder that exists inside the repository. Links with a scheme (https:, mailto:) and links to an anchor of the
 * same page are not checked; an anchor after a path ({@code docs/data.md#synthums}) is allowed and not checked.
 */
class DocumentationLinksTest {
    /** The repository root of this checkout (tests run in lib/). */
    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    /** An inline link or image: [text](target) or [text](target "title"); the text may hold code spans. */
    private static final Pattern INLINE = Pattern.compile("!?\\[([^\\]\\n]*)\\]\\(\\s*(<[^>\\n]*>|[^)\\s]+)(?:\\s+\"[^\"\\n]*\")?\\s*\\)");
    /** A reference definition at the start of a line: [label]: target. */
    private static final Pattern REFERENCE = Pattern.compile("(?m)^ {0,3}\\[[^\\]\\n]+\\]:\\s*(<[^>\\n]*>|\\S+)");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern FENCE = Pattern.compile("(?ms)^ {0,3}(```|~~~).*?^ {0,3}\\1[^\\n]*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");

    @Test
    void everyRelativeLinkOfTheDocumentationResolvesInsideTheRepository() throws IOException {
        assertTrue(Files.isRegularFile(REPOSITORY.resolve("README.md")) && Files.isDirectory(REPOSITORY.resolve("lib")),
                "not the repository root: " + REPOSITORY);
        List<Path> pages = documentationPages(REPOSITORY);
        assertTrue(pages.contains(REPOSITORY.resolve("README.md")), pages.toString());
        List<String> broken = brokenLinks(REPOSITORY, pages);
        assertEquals(List.of(), broken, "links that do not resolve inside the repository");
    }

    @Test
    void aPlantedBrokenLinkIsFound(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(dir.resolve("outside.md"), "not in the repository\n");
        Files.createDirectories(root.resolve("docs"));
        Files.createDirectories(root.resolve("results/quick/tables"));
        Files.writeString(root.resolve("results/quick/tables/table1.md"), "| a |\n");
        Files.writeString(root.resolve("docs/data.md"), "# Data\n\nBack to the [README](../README.md#top).\n"
                + "Broken: [gone](gone.md) and an escape: [out](../../outside.md).\n");
        Files.writeString(root.resolve("README.md"), String.join("\n",
                "# Kit",
                "[data](docs/data.md), [data section](docs/data.md#synthums), [table](results/quick/tables/table1.md),",
                "[folder](results/quick/), [`code text`](docs/data.md), ![figure](results/quick/figures/missing.png),",
                "[web](https://example.org/x.md), [mail](mailto:a@b.c), [anchor](#kit), [titled](docs/data.md \"Data\")",
                "[planted](docs/nothing-here.md) and `[not a link](in-a-code-span.md)`",
                "",
                "```bash",
                "echo [not a link](inside-a-fence.md)",
                "```",
                "",
                "[ref]: docs/missing-reference.md",
                ""));
        List<String> broken = brokenLinks(root, documentationPages(root));
        assertEquals(5, broken.size(), broken.toString());
        assertTrue(broken.get(0).startsWith("README.md:3: results/quick/figures/missing.png"), broken.toString());
        assertTrue(broken.get(1).startsWith("README.md:5: docs/nothing-here.md"), broken.toString());
        assertTrue(broken.get(2).startsWith("README.md:11: docs/missing-reference.md"), broken.toString());
        assertTrue(broken.get(3).startsWith("docs/data.md:4: gone.md"), broken.toString());
        assertTrue(broken.get(4).startsWith("docs/data.md:4: ../../outside.md") && broken.get(4).contains("outside the repository"),
                broken.toString());

        Files.writeString(root.resolve("docs/nothing-here.md"), "now it exists\n");
        assertEquals(4, brokenLinks(root, documentationPages(root)).size());
    }

    /** README.md, every .md under docs/ and environment/README.md, where they exist. */
    static List<Path> documentationPages(Path root) throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> s = Files.walk(docs)) {
                s.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".md")).sorted().forEach(pages::add);
            }
        }
        Path environment = root.resolve("environment/README.md");
        if (Files.isRegularFile(environment)) {
            pages.add(environment);
        }
        return pages;
    }

    /** One line per link that does not resolve: {@code page:line: target (why)}, pages in the given order. */
    static List<String> brokenLinks(Path root, List<Path> pages) throws IOException {
        Path realRoot = root.toRealPath();
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            String text = Files.readString(page);
            String visible = blankCode(text);
            List<Link> links = new ArrayList<>();
            for (Pattern p : List.of(INLINE, REFERENCE)) {
                Matcher m = p.matcher(visible);
                int group = p == INLINE ? 2 : 1;
                while (m.find()) {
                    links.add(new Link(m.start(group), m.group(group)));
                }
            }
            links.sort(Comparator.comparingInt(Link::offset));
            String name = root.relativize(page).toString().replace('\\', '/');
            for (Link link : links) {
                String target = link.target();
                if (target.startsWith("<") && target.endsWith(">")) {
                    target = target.substring(1, target.length() - 1);
                }
                String why = problem(realRoot, page.getParent(), target);
                if (why != null) {
                    broken.add(name + ":" + lineOf(text, link.offset()) + ": " + target + " (" + why + ")");
                }
            }
        }
        return broken;
    }

    private record Link(int offset, String target) {}

    /** Why a link target does not resolve, or null when it does (or is not a relative link). */
    private static String problem(Path realRoot, Path from, String target) throws IOException {
        if (target.isEmpty() || target.startsWith("#") || SCHEME.matcher(target).find() || target.startsWith("//")) {
            return null;
        }
        String path = target;
        int cut = indexOfAny(path, '#', '?');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        if (path.isEmpty()) {
            return null;
        }
        path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        Path base = path.startsWith("/") ? realRoot : from.toRealPath();
        Path resolved = base.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
        if (!resolved.startsWith(realRoot)) {
            return "outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (!resolved.toRealPath().startsWith(realRoot)) {
            return "a link to outside the repository";
        }
        return null;
    }

    /** The text with fenced code blocks and code spans outside link text blanked (same length, same lines). */
    private static String blankCode(String text) {
        StringBuilder sb = new StringBuilder(text);
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) {
            blank(sb, fence.start(), fence.end());
        }
        Matcher span = CODE_SPAN.matcher(sb.toString());
        while (span.find()) {
            // a code span as (part of) a link's text, [`docs/x.md`](docs/x.md), stays: only spans that would
            // themselves look like a link are blanked
            if (span.group().contains("](")) {
                blank(sb, span.start(), span.end());
            }
        }
        return sb.toString();
    }

    private static void blank(StringBuilder sb, int from, int to) {
        for (int i = from; i < to; i++) {
            if (sb.charAt(i) != '\n') {
                sb.setCharAt(i, ' ');
            }
        }
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
