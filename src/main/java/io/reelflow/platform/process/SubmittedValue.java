package io.reelflow.platform.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelflow.platform.process.FormContract.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * A variable value as a caller sent it, reduced to what a form field can hold: a string, number, boolean, list
 * or object (JSON), or nothing; anything else (a date, bytes, a file, a Java object) has no kind. Accepts both
 * the engine's typed values (REST, Tasklist) and plain Java values (callers of the Java API).
 */
public final class SubmittedValue {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Kind kind;      // null: no kind a form holds
    private final Object value;   // String, BigDecimal, Boolean, List, JsonNode (object), or null
    private final String typeName;

    private SubmittedValue(Kind kind, Object value, String typeName) {
        this.kind = kind;
        this.value = value;
        this.typeName = typeName;
    }

    public static SubmittedValue of(Object raw) {
        if (raw == null) return new SubmittedValue(null, null, "null");
        if (raw instanceof TypedValue typed) return ofTyped(typed);
        return ofJava(raw);
    }

    private static SubmittedValue ofTyped(TypedValue typed) {
        String type = typed.getType() == null ? "untyped" : typed.getType().getName();
        if (typed instanceof SerializableValue serializable && !serializable.isDeserialized()) {
            String format = serializable.getSerializationDataFormat();
            String text = serializable.getValueSerialized();
            if (text == null) return new SubmittedValue(null, null, "null");
            if (format != null && format.contains("json")) return ofJson(text, type);
            return new SubmittedValue(null, text, type + " (" + format + ")");
        }
        Object v = typed.getValue();
        if (v == null) return new SubmittedValue(null, null, "null");
        SubmittedValue s = ofJava(v);
        return s.kind == null ? new SubmittedValue(null, v, type) : s;
    }

    private static SubmittedValue ofJson(String text, String type) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isNull()) return new SubmittedValue(null, null, "null");
            if (node.isArray()) return new SubmittedValue(Kind.LIST, JSON.convertValue(node, List.class), "a JSON array");
            if (node.isObject()) return new SubmittedValue(Kind.OBJECT, node, "a JSON object");
            return new SubmittedValue(null, text, type + " holding a JSON " + node.getNodeType().name().toLowerCase());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new SubmittedValue(null, text, type + " that is not valid JSON");
        }
    }

    private static SubmittedValue ofJava(Object v) {
        if (v instanceof String s) return new SubmittedValue(Kind.STRING, s, "a string");
        if (v instanceof Boolean b) return new SubmittedValue(Kind.BOOLEAN, b, "a boolean");
        if (v instanceof BigDecimal d) return new SubmittedValue(Kind.NUMBER, d, "a number");
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? new SubmittedValue(null, v, "a non-finite number") : new SubmittedValue(Kind.NUMBER, BigDecimal.valueOf(d), "a number");
        }
        if (v instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? new SubmittedValue(null, v, "a non-finite number") : new SubmittedValue(Kind.NUMBER, new BigDecimal(f.toString()), "a number");
        }
        if (v instanceof Number n) return new SubmittedValue(Kind.NUMBER, new BigDecimal(n.toString()), "a number");
        if (v instanceof Collection<?> c) return new SubmittedValue(Kind.LIST, new ArrayList<>(c), "a list");
        if (v instanceof Object[] a) return new SubmittedValue(Kind.LIST, List.of(a), "a list");
        if (v instanceof Map<?, ?> m) return new SubmittedValue(Kind.OBJECT, JSON.valueToTree(m), "an object");
        if (v instanceof JsonNode node) return ofJson(node.toString(), "JSON");
        return new SubmittedValue(null, v, "a " + v.getClass().getSimpleName());
    }

    /** The kind a form field would need to hold this, or null. */
    public Kind kind() {
        return kind;
    }

    public boolean isNull() {
        return value == null;
    }

    public String string() {
        return (String) value;
    }

    public BigDecimal number() {
        return (BigDecimal) value;
    }

    public List<?> list() {
        return (List<?>) value;
    }

    /** For messages: what was sent. */
    public String describe() {
        return typeName;
    }

    /**
     * Whether this is the value a field showed: equal as text ({@code 5} and {@code "5.0"} are the same number,
     * an empty string and no value are both empty: form-js shows a missing value as an empty text field).
     */
    public boolean sameAs(SubmittedValue shown) {
        return Objects.equals(canonical(), shown == null ? null : shown.canonical());
    }

    private String canonical() {
        if (value == null) return null;
        if (value instanceof String s) return s.isEmpty() ? null : s;
        if (value instanceof BigDecimal d) return d.compareTo(BigDecimal.ZERO) == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        if (value instanceof List<?> || value instanceof JsonNode) return JSON.valueToTree(value).toString();
        return String.valueOf(value);
    }
}
