package dev.remit.proof;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Dotted paths into request trees (Maps, Lists and values, as {@link Json} writes them), written as
 * remit's 422 messages name them: {@code items.0.taxes.0.rate}.
 */
final class Trees {

    private Trees() {
    }

    /** What {@link #get} answers for a path that leads nowhere (a stored null is a value). */
    static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "(missing)";
        }
    };

    static Object get(Object tree, String path) {
        Object node = tree;
        for (String step : path.split("\\.", -1)) {
            if (node instanceof Map<?, ?> map && map.containsKey(step)) {
                node = map.get(step);
            } else if (node instanceof List<?> list && isIndex(step) && Integer.parseInt(step) < list.size()) {
                node = list.get(Integer.parseInt(step));
            } else {
                return MISSING;
            }
        }
        return node;
    }

    /** Replaces the value at an existing path; a path that leads nowhere is left alone. */
    @SuppressWarnings("unchecked")
    static void set(Object tree, String path, Object value) {
        int dot = path.lastIndexOf('.');
        Object parent = dot < 0 ? tree : get(tree, path.substring(0, dot));
        String last = path.substring(dot + 1);
        if (parent instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(last, value);
        } else if (parent instanceof List<?> list && isIndex(last) && Integer.parseInt(last) < list.size()) {
            ((List<Object>) list).set(Integer.parseInt(last), value);
        }
    }

    static void remove(Object tree, String path) {
        int dot = path.lastIndexOf('.');
        Object parent = dot < 0 ? tree : get(tree, path.substring(0, dot));
        String last = path.substring(dot + 1);
        if (parent instanceof Map<?, ?> map) {
            map.remove(last);
        } else if (parent instanceof List<?> list && isIndex(last) && Integer.parseInt(last) < list.size()) {
            list.remove(Integer.parseInt(last));
        }
    }

    /** The paths of every value (not container) that passes {@code test}, depth first. */
    static List<String> paths(Object tree, Predicate<Object> test) {
        List<String> out = new ArrayList<>();
        walk(tree, "", test, out);
        return out;
    }

    private static void walk(Object node, String path, Predicate<Object> test, List<String> out) {
        if (test.test(node) && !path.isEmpty()) {
            out.add(path);
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path.isEmpty() ? String.valueOf(key) : path + "." + key, test, out));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path.isEmpty() ? Integer.toString(i) : path + "." + i, test, out);
            }
        }
    }

    private static boolean isIndex(String step) {
        return !step.isEmpty() && step.length() < 6 && step.chars().allMatch(Character::isDigit);
    }
}
