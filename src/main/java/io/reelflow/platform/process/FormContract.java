package io.reelflow.platform.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import io.reelflow.platform.web.FormValues;
import io.reelflow.platform.web.InvalidInputException;

/**
 * What a Camunda Form (form-js JSON, as deployed) lets a task write: each keyed field with the kind of value
 * it holds, whether it is read-only or disabled, and its static constraints (options, length, pattern, range).
 * Tasklist submits exactly this: form-js's submit data holds every rendered keyed field that is not disabled
 * (read-only fields included, with the value they were shown with), Tasklist sends a string, number or boolean
 * as an untyped value and a list or object as JSON.
 *
 * <p>Fields nested in a group without a {@code path} are top-level variables; a group or dynamic list with a
 * {@code path}, and a dotted key ({@code address.city}), write one object (or list) variable named by the first
 * segment.
 */
public final class FormContract {

    /** The kind of value a field holds, as Tasklist submits it. */
    public enum Kind {
        STRING("a string"), NUMBER("a number"), BOOLEAN("a boolean (true or false)"), LIST("a list (JSON array)"),
        OBJECT("an object (JSON object)"), ANY("any value"), UNSUPPORTED("nothing (this field type is not supported)");

        final String expected;

        Kind(String expected) {
            this.expected = expected;
        }
    }

    /**
     * One variable a form writes. {@code date}: a calendar day (a date picker, or a text field whose pattern asks
     * for YYYY-MM-DD), checked as every date of every form is: {@link FormValues#date}.
     */
    public record Field(String key, String type, Kind kind, boolean readonly, boolean disabled, Set<String> options,
                        Integer minLength, Integer maxLength, Pattern pattern, BigDecimal min, BigDecimal max, boolean date,
                        Map<String, Field> rowFields) {

        public Field(String key, String type, Kind kind, boolean readonly, boolean disabled, Set<String> options,
                     Integer minLength, Integer maxLength, Pattern pattern, BigDecimal min, BigDecimal max, boolean date) {
            this(key, type, kind, readonly, disabled, options, minLength, maxLength, pattern, min, max, date, null);
        }

        public Field(String key, String type, Kind kind, boolean readonly, boolean disabled, Set<String> options,
                     Integer minLength, Integer maxLength, Pattern pattern, BigDecimal min, BigDecimal max) {
            this(key, type, kind, readonly, disabled, options, minLength, maxLength, pattern, min, max, false);
        }
    }

    /** At most this many rows in a dynamic list. */
    public static final int MAX_ROWS = 500;

    /** A text pattern asking for a day: YYYY-MM-DD. */
    private static final String DAY_PATTERN = "\\d{4}-\\d{2}-\\d{2}";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DEPTH = 32;

    /** form-js component types that hold no value. */
    private static final Set<String> NOT_KEYED = Set.of("default", "text", "html", "image", "spacer", "separator", "button",
            "iframe", "table", "documentPreview");

    private final String formId;
    private final Map<String, Field> fields;

    private FormContract(String formId, Map<String, Field> fields) {
        this.formId = formId;
        this.fields = Collections.unmodifiableMap(fields);
    }

    /** A form that declares nothing (a task without a Camunda Form): every variable is refused. */
    public static FormContract none(String why) {
        return new FormContract(why, new LinkedHashMap<>());
    }

    public String formId() {
        return formId;
    }

    public Map<String, Field> fields() {
        return fields;
    }

    /** The fields a caller may write (not read-only, not disabled). */
    public List<String> writableKeys() {
        return fields.values().stream().filter(f -> !f.readonly() && !f.disabled() && f.kind() != Kind.UNSUPPORTED).map(Field::key).toList();
    }

    public static FormContract parse(InputStream json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) throw new IllegalArgumentException("a form is a JSON object");
            Map<String, Field> fields = new LinkedHashMap<>();
            collect(root, fields, 0);
            return new FormContract(root.path("id").asText("(form without id)"), fields);
        } catch (IOException e) {
            throw new IllegalArgumentException("the deployed form is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static void collect(JsonNode container, Map<String, Field> fields, int depth) {
        if (depth > MAX_DEPTH) throw new IllegalArgumentException("form components nested deeper than " + MAX_DEPTH);
        for (JsonNode c : container.path("components")) {
            String type = c.path("type").asText("");
            String path = text(c, "path");
            if (path != null && type.equals("dynamiclist") && !path.contains(".")) {
                // a list of rows under one variable: each row an object holding the list's own fields, checked as those
                Map<String, Field> rows = new LinkedHashMap<>();
                collect(c, rows, depth + 1);
                add(fields, new Field(path, type, Kind.LIST, flag(c, "readonly"), flag(c, "disabled"), Set.of(), null, null, null, null,
                        null, false, Collections.unmodifiableMap(rows)));
                continue;
            }
            if (path != null && (type.equals("group") || type.equals("dynamiclist"))) {
                // the group's children are stored under one variable named by the path's first segment
                add(fields, new Field(firstSegment(path), type, type.equals("dynamiclist") ? Kind.LIST : Kind.OBJECT,
                        flag(c, "readonly"), flag(c, "disabled"), Set.of(), null, null, null, null, null));
                continue;
            }
            String key = text(c, "key");
            if (key != null && !NOT_KEYED.contains(type)) {
                if (key.contains(".")) {
                    add(fields, new Field(firstSegment(key), type, Kind.OBJECT, flag(c, "readonly"), flag(c, "disabled"),
                            Set.of(), null, null, null, null, null));
                } else {
                    add(fields, field(key, type, c));
                }
            }
            if (c.has("components")) collect(c, fields, depth + 1);
        }
    }

    private static void add(Map<String, Field> fields, Field f) {
        fields.putIfAbsent(f.key(), f); // form-js refuses a key claimed twice; the first one counts
    }

    private static Field field(String key, String type, JsonNode c) {
        Kind kind = switch (type) {
            case "textfield", "textarea", "radio", "select", "datetime" -> Kind.STRING;
            case "number" -> c.path("serializeToString").asBoolean(false) ? Kind.STRING : Kind.NUMBER;
            case "checkbox" -> Kind.BOOLEAN;
            case "checklist", "taglist" -> Kind.LIST;
            case "expression" -> Kind.ANY;
            default -> Kind.UNSUPPORTED;
        };
        Set<String> options = new java.util.LinkedHashSet<>();
        if (c.path("values").isArray() && !c.has("valuesKey") && !c.has("valuesExpression")) {
            for (JsonNode v : c.path("values")) options.add(v.path("value").asText());
        }
        JsonNode validate = c.path("validate");
        Pattern pattern = null;
        String regex = text(validate, "pattern");
        if (regex != null) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("field " + key + ": pattern is not a valid regular expression", e);
            }
        }
        String subtype = text(c, "subtype");
        boolean date = type.equals("datetime") ? subtype == null || subtype.equals("date") : regex != null && regex.contains(DAY_PATTERN);
        return new Field(key, type, kind, flag(c, "readonly"), flag(c, "disabled"), Collections.unmodifiableSet(options),
                integer(validate, "minLength"), integer(validate, "maxLength"), pattern, decimal(validate, "min"), decimal(validate, "max"), date);
    }

    /** A read-only or disabled flag: {@code true}, or a FEEL expression (which may be true: counted as set). */
    private static boolean flag(JsonNode c, String name) {
        JsonNode v = c.get(name);
        if (v == null || v.isNull()) return false;
        if (v.isBoolean()) return v.asBoolean();
        return v.isTextual() && !v.asText().isBlank() && !v.asText().equals("false");
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static Integer integer(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v != null && v.canConvertToInt() ? v.asInt() : null;
    }

    private static BigDecimal decimal(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v != null && v.isNumber() ? v.decimalValue() : null;
    }

    private static String firstSegment(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    // ------------------------------------------------------------------------------------------------

    /** The outcome of checking submitted variables: the violations, and the read-only fields sent back unchanged. */
    public record Verdict(List<String> violations, List<String> unchangedReadonly) {
        public boolean refused() {
            return !violations.isEmpty();
        }
    }

    /**
     * Checks submitted variables against the form.
     *
     * @param submitted variable name → value as submitted ({@link SubmittedValue})
     * @param current   variable name → the value the task shows now (what a read-only field was pre-filled with)
     */
    public Verdict check(Map<String, SubmittedValue> submitted, java.util.function.Function<String, SubmittedValue> current) {
        List<String> violations = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (Map.Entry<String, SubmittedValue> e : submitted.entrySet()) {
            String name = e.getKey();
            SubmittedValue value = e.getValue();
            Field f = fields.get(name);
            if (f == null) {
                violations.add(name + ": not a field of the form");
            } else if (f.disabled()) {
                violations.add(name + ": a disabled field of the form (Tasklist never sends it)");
            } else if (f.readonly()) {
                if (value.sameAs(current.apply(name))) unchanged.add(name);
                else violations.add(name + ": a read-only field of the form: it may only be sent back with the value it shows");
            } else {
                String problem = problem(f, value);
                if (problem != null) violations.add(name + ": " + problem);
                else if (f.rowFields() != null && !value.isNull()) violations.addAll(rowProblems(f, value.list()));
            }
        }
        return new Verdict(violations, unchanged);
    }

    /** A dynamic list's rows: each an object with only the list's fields, each value of its field's kind. */
    private static List<String> rowProblems(Field f, List<?> rows) {
        List<String> out = new ArrayList<>();
        if (rows.size() > MAX_ROWS) {
            out.add(f.key() + ": at most " + MAX_ROWS + " rows, got " + rows.size());
            return out;
        }
        for (int i = 0; i < rows.size(); i++) {
            String at = f.key() + "[" + i + "]";
            if (!(rows.get(i) instanceof Map<?, ?> row)) {
                out.add(at + ": expected a row (JSON object) of " + f.rowFields().keySet() + ", got " + SubmittedValue.of(rows.get(i)).describe());
                continue;
            }
            for (Map.Entry<?, ?> cell : row.entrySet()) {
                String name = String.valueOf(cell.getKey());
                Field rowField = f.rowFields().get(name);
                if (rowField == null || rowField.readonly() || rowField.disabled()) {
                    out.add(at + "." + abbreviate(name) + ": not a field of the list's rows " + f.rowFields().keySet());
                    continue;
                }
                String problem = problem(rowField, SubmittedValue.of(cell.getValue()));
                if (problem != null) out.add(at + "." + name + ": " + problem);
            }
        }
        return out;
    }

    private static String problem(Field f, SubmittedValue v) {
        if (v.isNull()) return null; // an empty field; whether it is required is the business rules' concern
        if (f.kind() == Kind.UNSUPPORTED) return "a '" + f.type() + "' field, which accepts no value here";
        if (f.kind() == Kind.ANY) return v.kind() == null ? "expected " + f.kind().expected + " of JSON, got " + v.describe() : null;
        if (v.kind() != f.kind()) return "expected " + f.kind().expected + " (" + f.type() + " field), got " + v.describe();
        switch (f.kind()) {
            case STRING -> {
                String s = v.string();
                if (s.isEmpty()) return null; // form-js checks options, length and pattern only on a value
                if (!f.options().isEmpty() && !f.options().contains(s)) return "'" + abbreviate(s) + "' is not one of " + f.options();
                if (f.maxLength() != null && s.length() > f.maxLength()) return "longer than " + f.maxLength() + " characters";
                if (f.minLength() != null && s.length() < f.minLength()) return "shorter than " + f.minLength() + " characters";
                if (f.date()) {
                    try {
                        FormValues.date(s, f.key(), false); // the one date check: a day on the calendar, YYYY-MM-DD
                    } catch (InvalidInputException e) {
                        return "'" + abbreviate(s) + "' is not a day on the calendar (YYYY-MM-DD, e.g. 2027-03-31)";
                    }
                    if (s.length() > 10 && !f.type().equals("datetime")) return "'" + abbreviate(s) + "' is not a day (YYYY-MM-DD)";
                }
                if (f.pattern() != null && !f.pattern().matcher(s).find()) {
                    return "'" + abbreviate(s) + "' is not in the expected format" + (f.date() ? " (YYYY-MM-DD)" : "");
                }
            }
            case NUMBER -> {
                BigDecimal n = v.number();
                if (f.min() != null && n.compareTo(f.min()) < 0) return "less than " + f.min().toPlainString();
                if (f.max() != null && n.compareTo(f.max()) > 0) return "more than " + f.max().toPlainString();
            }
            case LIST -> {
                if (!f.options().isEmpty()) {
                    for (Object item : v.list()) {
                        if (!f.options().contains(String.valueOf(item))) return "'" + abbreviate(String.valueOf(item)) + "' is not one of " + f.options();
                    }
                }
            }
            default -> {
                // BOOLEAN, OBJECT: the kind is all a form declares
            }
        }
        return null;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
