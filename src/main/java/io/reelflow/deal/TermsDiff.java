package io.reelflow.deal;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelflow.platform.web.FieldProblem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Field-by-field differences between two versions of a deal's terms, for the CRM's 409 answer. */
final class TermsDiff {

    private TermsDiff() {
    }

    static List<FieldProblem> between(JsonNode recorded, JsonNode posted) {
        Map<String, String> a = new TreeMap<>();
        Map<String, String> b = new TreeMap<>();
        flatten("", recorded, a);
        flatten("", posted, b);
        List<FieldProblem> diffs = new ArrayList<>();
        TreeMap<String, Boolean> keys = new TreeMap<>();
        a.keySet().forEach(k -> keys.put(k, true));
        b.keySet().forEach(k -> keys.put(k, true));
        for (String k : keys.keySet()) {
            String was = a.get(k);
            String now = b.get(k);
            if (was == null ? now != null : !was.equals(now)) {
                diffs.add(new FieldProblem(k, "recorded " + (was == null ? "nothing" : was) + ", posted " + (now == null ? "nothing" : now)));
            }
        }
        return diffs;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node == null || node.isNull() || node.isMissingNode()) return;
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            // lists are compared whole: ["FR","DE"] vs ["FR"] reads better than element by element
            out.put(path, node.toString());
        } else if (node.isNumber()) {
            out.put(path, node.decimalValue().stripTrailingZeros().toPlainString());
        } else {
            out.put(path, node.asText());
        }
    }
}
