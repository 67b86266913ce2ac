package org.itkm.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.itkm.io.InvalidInputException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A configuration as nested maps, the form in which YAML files, profiles and {@code key=value}
 * overrides are layered before being bound to typed records ({@link RecordBinder}).
 */
public final class ConfigTree {
    private final Map<String, Object> root;

    private ConfigTree(Map<String, Object> root) {
        this.root = root;
    }

    public static ConfigTree empty() {
        return new ConfigTree(new LinkedHashMap<>());
    }

    /** Parses YAML text; {@code source} names it in errors. */
    public static ConfigTree parse(String yaml, String source) {
        try {
            Object o = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
            if (o == null) {
                return empty();
            }
            if (!(o instanceof Map)) {
                throw new InvalidInputException(source + ": expected a YAML mapping of settings, found " + o);
            }
            return new ConfigTree(deepCopy(asMap(o)));
        } catch (YAMLException e) {
            throw new InvalidInputException(source + ": not valid YAML (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")", e);
        }
    }

    public static ConfigTree read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": config file not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** A YAML resource on the class path (the built-in profiles). */
    public static ConfigTree resource(String name) {
        try (InputStream in = ConfigTree.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing built-in config resource " + name);
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Values of {@code other} replace or extend this tree's, recursively for nested mappings. */
    public ConfigTree merge(ConfigTree other) {
        Map<String, Object> out = deepCopy(root);
        mergeInto(out, other.root);
        return new ConfigTree(out);
    }

    /**
     * Applies one {@code dotted.key=value} override; the value is read as YAML ({@code 3}, {@code 0.5},
     * {@code true}, {@code [30, 45]}, {@code null}, text).
     */
    public ConfigTree with(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new InvalidInputException("override '" + assignment + "' is not of the form key=value"
                    + " (e.g. stage1.epochs=5)");
        }
        String key = assignment.substring(0, eq).trim();
        String text = assignment.substring(eq + 1).trim();
        Object value;
        try {
            value = text.isEmpty() ? null : new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            value = text;
        }
        Map<String, Object> out = deepCopy(root);
        String[] parts = key.split("\\.");
        Map<String, Object> node = out;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = node.get(parts[i]);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(parts[i], child);
            }
            node = asMap(child);
        }
        node.put(parts[parts.length - 1], value);
        return new ConfigTree(out);
    }

    /** This tree without one top-level section (settings that no longer exist, read from old run records). */
    public ConfigTree without(String section) {
        Map<String, Object> out = deepCopy(root);
        out.remove(section);
        return new ConfigTree(out);
    }

    Map<String, Object> asMap() {
        return root;
    }

    /** The whole tree as YAML (block style), e.g. for run manifests. */
    public String toYaml() {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        return new Yaml(o).dump(root);
    }

    /** A deep copy of the tree as plain maps and lists (for JSON). */
    public Map<String, Object> toMap() {
        return deepCopy(root);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static void mergeInto(Map<String, Object> target, Map<String, Object> source) {
        for (Map.Entry<String, Object> e : source.entrySet()) {
            Object old = target.get(e.getKey());
            if (old instanceof Map && e.getValue() instanceof Map) {
                mergeInto(asMap(old), asMap(e.getValue()));
            } else {
                target.put(e.getKey(), copy(e.getValue()));
            }
        }
    }

    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            out.put(String.valueOf(e.getKey()), copy(e.getValue()));
        }
        return out;
    }

    private static Object copy(Object v) {
        if (v instanceof Map) {
            return deepCopy(asMap(v));
        }
        if (v instanceof java.util.List<?> l) {
            return new java.util.ArrayList<>(l.stream().map(ConfigTree::copy).toList());
        }
        return v;
    }
}
