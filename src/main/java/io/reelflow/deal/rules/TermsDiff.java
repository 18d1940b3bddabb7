package io.reelflow.deal.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Field-by-field differences between two versions of a deal's terms, for the CRM's 409 answer. The terms are given as
 * a plain tree, the shape of their JSON: maps of field to value, lists, strings, numbers, booleans and nulls. Fields
 * are named by their path ({@code fee.amount}); a list is compared whole and shown as JSON ({@code ["DE","FR"]} reads
 * better than element by element); numbers compare by value ({@code 100} is {@code 100.00}).
 */
public final class TermsDiff {

    /** One field whose value differs, with what was recorded and what is posted now. */
    public record Difference(String field, String reason) {
    }

    private TermsDiff() {
    }

    public static List<Difference> between(Map<String, ?> recorded, Map<String, ?> posted) {
        Map<String, String> a = new TreeMap<>();
        Map<String, String> b = new TreeMap<>();
        flatten("", recorded, a);
        flatten("", posted, b);
        TreeSet<String> fields = new TreeSet<>(a.keySet());
        fields.addAll(b.keySet());
        List<Difference> diffs = new ArrayList<>();
        for (String field : fields) {
            String was = a.get(field);
            String now = b.get(field);
            if (!Objects.equals(was, now)) {
                diffs.add(new Difference(field, "recorded " + (was == null ? "nothing" : was) + ", posted " + (now == null ? "nothing" : now)));
            }
        }
        return diffs;
    }

    private static void flatten(String path, Object node, Map<String, String> out) {
        if (node == null) return;
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                flatten(path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node instanceof List<?> list) {
            out.put(path, json(list));
        } else {
            out.put(path, scalar(node));
        }
    }

    private static String scalar(Object value) {
        if (value instanceof BigDecimal d) return d.stripTrailingZeros().toPlainString();
        if (value instanceof Number n) return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        return value.toString();
    }

    /** A value inside a list, written as compact JSON. */
    private static String json(Object value) {
        if (value == null) return "null";
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) sb.append(i == 0 ? "" : ",").append(json(list.get(i)));
            return sb.append(']').toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(first ? "" : ",").append(quoted(String.valueOf(e.getKey()))).append(':').append(json(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        if (value instanceof Number || value instanceof Boolean) return scalar(value);
        return quoted(value.toString());
    }

    private static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
