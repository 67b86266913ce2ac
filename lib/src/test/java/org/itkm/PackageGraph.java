package org.itkm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which {@code org.itkm} package uses which other, read from a Java source tree: a package depends on
 * another when one of its files imports a type of it (plain, static or on demand) or names one of its
 * types fully qualified in code. Comments, string and character literals and text blocks are left out,
 * so a qualified name in javadoc or in a message is not a dependency. Cycles between packages are the
 * strongly connected components of the graph (Tarjan's algorithm) with more than one package.
 *
 * <pre>{@code
 * PackageGraph g = PackageGraph.read(Path.of("src/main/java"));
 * for (List<String> cycle : g.cycles()) System.out.println(g.describe(cycle));
 * }</pre>
 */
final class PackageGraph {
    private static final Pattern PACKAGE = Pattern.compile("\\bpackage\\s+([\\w.]+)\\s*;");
    /** A qualified type (or {@code *}) in package {@code org.itkm[.x...]}: the package is group 1. */
    private static final Pattern REFERENCE =
            Pattern.compile("\\b(org\\.itkm(?:\\s*\\.\\s*[a-z_][\\w]*)*)\\s*\\.\\s*(?:[A-Z]|\\*)");

    /** package → package it depends on → the first source file that makes the dependency. */
    private final Map<String, Map<String, String>> edges = new TreeMap<>();

    private PackageGraph() {}

    /** The graph of every {@code .java} file under a source root. */
    static PackageGraph read(Path sourceRoot) {
        PackageGraph g = new PackageGraph();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                g.add(sourceRoot.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return g;
    }

    private void add(String file, String source) {
        String code = withoutCommentsAndLiterals(source);
        Matcher p = PACKAGE.matcher(code);
        if (!p.find() || !p.group(1).startsWith("org.itkm")) {
            return;
        }
        String from = p.group(1);
        Map<String, String> out = edges.computeIfAbsent(from, k -> new TreeMap<>());
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) {
            String to = m.group(1).replaceAll("\\s", "");
            if (!to.equals(from)) {
                out.putIfAbsent(to, file);
            }
        }
    }

    /** The packages the given one depends on. */
    Set<String> dependencies(String pkg) {
        return edges.getOrDefault(pkg, Map.of()).keySet();
    }

    /** The packages that have sources in the tree. */
    Set<String> packages() {
        return edges.keySet();
    }

    /**
     * Every group of packages that reach each other (a strongly connected component of more than one
     * package), each as one cycle through all of them where there is one (else as the component).
     */
    List<List<String>> cycles() {
        List<List<String>> out = new ArrayList<>();
        for (Set<String> component : components()) {
            if (component.size() > 1) {
                out.add(cycleThrough(component));
            }
        }
        return out;
    }

    /** A cycle as text with the file behind every step, e.g. {@code a -> b (B.java) -> a (A.java)}. */
    String describe(List<String> cycle) {
        StringBuilder s = new StringBuilder(cycle.get(0));
        for (int i = 1; i < cycle.size(); i++) {
            String file = edges.getOrDefault(cycle.get(i - 1), Map.of()).get(cycle.get(i));
            s.append(" -> ").append(cycle.get(i)).append(file == null ? "" : " (" + file + ")");
        }
        return s.toString();
    }

    /** The groups of packages that reach each other (strongly connected components of two or more). */
    List<Set<String>> tangles() {
        return components().stream().filter(c -> c.size() > 1).toList();
    }

    /** Tarjan's strongly connected components, each sorted. */
    private List<Set<String>> components() {
        Set<String> nodes = new TreeSet<>(edges.keySet());
        edges.values().forEach(m -> nodes.addAll(m.keySet()));
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> out = new ArrayList<>();
        for (String n : nodes) {
            if (!index.containsKey(n)) {
                strongConnect(n, index, low, stack, onStack, out);
            }
        }
        return out;
    }

    private void strongConnect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
            Set<String> onStack, List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : dependencies(v)) {
            if (!index.containsKey(w)) {
                strongConnect(w, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            out.add(component);
        }
    }

    /** A shortest path from the component's first package back to itself, staying inside the component. */
    private List<String> cycleThrough(Set<String> component) {
        String start = component.iterator().next();
        Map<String, String> parent = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String v = queue.poll();
            for (String w : dependencies(v)) {
                if (!component.contains(w)) {
                    continue;
                }
                if (w.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String x = v; !x.equals(start); x = parent.get(x)) {
                        path.add(1, x);
                    }
                    path.add(start);
                    return path;
                }
                if (!parent.containsKey(w) && !w.equals(start)) {
                    parent.put(w, v);
                    queue.add(w);
                }
            }
        }
        return new ArrayList<>(component);
    }

    /** Source text with comments, string and character literals and text blocks blanked out. */
    static String withoutCommentsAndLiterals(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (src.startsWith("/*", i)) {
                int j = src.indexOf("*/", i + 2);
                i = j < 0 ? n : j + 2;
                out.append(' ');
            } else if (src.startsWith("//", i)) {
                int j = src.indexOf('\n', i);
                i = j < 0 ? n : j;
            } else if (src.startsWith("\"\"\"", i)) {
                int j = src.indexOf("\"\"\"", i + 3);
                i = j < 0 ? n : j + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
