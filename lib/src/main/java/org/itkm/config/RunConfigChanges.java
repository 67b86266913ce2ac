package org.itkm.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What differs between the configuration a run was started with (its manifest's {@code config}, the whole
 * tree as JSON) and its {@code config.yaml} now: the keys, dotted, each as {@code key: old -> new}. Numbers
 * compare by value (YAML's {@code 2} and JSON's {@code 2.0} are the same setting), and a key set to null
 * is the key left out (the manifest's JSON omits nulls).
 */
public final class RunConfigChanges {
    private RunConfigChanges() {}

    /** The differences, in key order; empty when the two are the same configuration. */
    public static List<String> between(JsonObject recorded, Path configYaml) {
        Map<String, String> before = new TreeMap<>();
        flattenJson("", recorded, before);
        Map<String, String> after = new TreeMap<>();
        flattenYaml("", ConfigTree.read(configYaml).toMap(), after);
        List<String> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String k : keys) {
            String a = before.get(k);
            String b = after.get(k);
            if (!java.util.Objects.equals(a, b)) {
                out.add(k + ": " + (a == null ? "null" : a) + " -> " + (b == null ? "null" : b));
            }
        }
        return out;
    }

    private static void flattenJson(String prefix, JsonObject o, Map<String, String> out) {
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue().isJsonObject()) {
                flattenJson(key + ".", e.getValue().getAsJsonObject(), out);
            } else if (!e.getValue().isJsonNull()) {
                out.put(key, json(e.getValue()));
            }
        }
    }

    private static String json(JsonElement v) {
        if (v == null || v.isJsonNull()) {
            return "null";
        }
        if (v.isJsonArray()) {
            List<String> items = new ArrayList<>();
            for (JsonElement x : (JsonArray) v) {
                items.add(json(x));
            }
            return "[" + String.join(", ", items) + "]";
        }
        JsonPrimitive p = v.getAsJsonPrimitive();
        if (p.isNumber()) {
            return number(p.getAsString());
        }
        return p.getAsString();
    }

    @SuppressWarnings("unchecked")
    private static void flattenYaml(String prefix, Map<String, Object> m, Map<String, String> out) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> child) {
                flattenYaml(key + ".", (Map<String, Object>) child, out);
            } else if (e.getValue() != null) {
                out.put(key, yaml(e.getValue()));
            }
        }
    }

    private static String yaml(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof List<?> l) {
            return "[" + String.join(", ", l.stream().map(RunConfigChanges::yaml).toList()) + "]";
        }
        if (v instanceof Number n) {
            return number(String.valueOf(n));
        }
        return String.valueOf(v);
    }

    /** A number in one spelling: 2, 2.0 and 2E0 all read "2"; 3.5E-4 reads "0.00035". */
    private static String number(String s) {
        try {
            BigDecimal d = new BigDecimal(s).stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
        } catch (NumberFormatException e) {
            return s; // NaN, Infinity
        }
    }
}
