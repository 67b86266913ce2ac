package org.itkm.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.itkm.io.InvalidInputException;

/**
 * Binds a {@link ConfigTree} to a tree of records: every record component must be present (profiles are
 * complete), unknown keys are errors with a suggestion, and values are converted to the component's
 * type (int, long, double, boolean, String, Path, enums, lists, nested records).
 */
final class RecordBinder {
    private RecordBinder() {}

    static <T extends Record> T bind(Map<String, Object> map, Class<T> type, String prefix) {
        RecordComponent[] comps = type.getRecordComponents();
        List<String> names = Arrays.stream(comps).map(RecordComponent::getName).toList();
        for (String key : map.keySet()) {
            if (!names.contains(key)) {
                throw new InvalidInputException("unknown config key '" + prefix + key + "'" + suggestion(key, names)
                        + "; keys here: " + names.stream().map(n -> prefix + n).collect(Collectors.joining(", ")));
            }
        }
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            RecordComponent c = comps[i];
            types[i] = c.getType();
            String key = prefix + c.getName();
            if (!map.containsKey(c.getName())) {
                throw new InvalidInputException("config key '" + key + "' is missing");
            }
            args[i] = convert(map.get(c.getName()), c.getType(), c.getGenericType(), key);
        }
        try {
            Constructor<T> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof InvalidInputException iie) {
                throw iie;
            }
            if (e.getCause() instanceof RunConfig.BadValue bad) {
                throw new InvalidInputException(bad.messageUnder(prefix), bad);
            }
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw new InvalidInputException("config '" + prefix.replaceAll("\\.$", "") + "': " + iae.getMessage(),
                        iae);
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Object v, Class<?> type, Type generic, String key) {
        if (v == null) {
            if (type.isPrimitive()) {
                throw new InvalidInputException("config key '" + key + "' needs a value");
            }
            return null;
        }
        try {
            if (type == int.class || type == Integer.class) {
                double d = toNumber(v, key).doubleValue();
                return d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE ? (Object) (int) d
                        : fail(v, "an integer", key);
            }
            if (type == long.class || type == Long.class) {
                Number n = toNumber(v, key);
                if (n instanceof Long || n instanceof Integer || n instanceof java.math.BigInteger) {
                    return n instanceof java.math.BigInteger b ? (Object) b.longValueExact() : (Object) n.longValue();
                }
                double d = n.doubleValue();
                return d == Math.rint(d) && Math.abs(d) < 0x1p53 ? (Object) (long) d : fail(v, "an integer", key);
            }
            if (type == double.class || type == Double.class) {
                double d = toNumber(v, key).doubleValue();
                return Double.isFinite(d) ? (Object) d : fail(v, "a finite number", key);
            }
            if (type == boolean.class || type == Boolean.class) {
                if (v instanceof Boolean b) {
                    return b;
                }
                return fail(v, "true or false", key);
            }
            if (type == String.class) {
                return String.valueOf(v);
            }
            if (type == Path.class) {
                return Path.of(String.valueOf(v));
            }
            if (type.isEnum()) {
                String s = String.valueOf(v).trim().toUpperCase(Locale.ROOT).replace('-', '_');
                for (Object c : type.getEnumConstants()) {
                    if (((Enum) c).name().equals(s)) {
                        return c;
                    }
                }
                return fail(v, "one of " + Arrays.stream(type.getEnumConstants())
                        .map(c -> ((Enum) c).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .collect(Collectors.joining(", ")), key);
            }
            if (type == List.class) {
                Type elem = ((ParameterizedType) generic).getActualTypeArguments()[0];
                List<?> in = v instanceof List<?> l ? l : List.of(v);
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < in.size(); i++) {
                    if (in.get(i) == null) {
                        throw new InvalidInputException("config key '" + key + "[" + i + "]' needs a value");
                    }
                    out.add(convert(in.get(i), (Class<?>) elem, elem, key + "[" + i + "]"));
                }
                return List.copyOf(out);
            }
            if (type.isRecord()) {
                if (!(v instanceof Map)) {
                    return fail(v, "a mapping of settings", key);
                }
                return bind((Map<String, Object>) v, (Class<? extends Record>) type, key + ".");
            }
        } catch (ClassCastException | ArithmeticException e) {
            return fail(v, type == long.class || type == Long.class ? "an integer" : type.getSimpleName(), key);
        }
        throw new IllegalStateException("unsupported config type " + type + " for " + key);
    }

    private static Number toNumber(Object v, String key) {
        if (v instanceof Number n) {
            return n;
        }
        try {
            return Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            fail(v, "a number", key);
            return null;
        }
    }

    private static Object fail(Object v, String expected, String key) {
        throw new InvalidInputException("config key '" + key + "' = '" + v + "': expected " + expected);
    }

    private static String suggestion(String key, List<String> names) {
        return names.stream().min(Comparator.comparingInt(n -> editDistance(n.toLowerCase(Locale.ROOT),
                key.toLowerCase(Locale.ROOT)))).filter(n -> editDistance(n.toLowerCase(Locale.ROOT),
                        key.toLowerCase(Locale.ROOT)) <= Math.max(2, key.length() / 3))
                .map(n -> " (did you mean '" + n + "'?)").orElse("");
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
