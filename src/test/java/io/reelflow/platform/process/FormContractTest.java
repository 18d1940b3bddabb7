package io.reelflow.platform.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The form contract on its own: what a form-js schema declares, and what a submission may hold. */
class FormContractTest {

    private static final String FORM = """
            {"id": "sample", "type": "default", "components": [
              {"type": "text", "text": "## Heading"},
              {"type": "textarea", "key": "summary", "readonly": true},
              {"type": "textfield", "key": "hiddenByFlag", "disabled": true},
              {"type": "radio", "key": "decision", "values": [{"label": "Yes", "value": "YES"}, {"label": "No", "value": "NO"}]},
              {"type": "select", "key": "vendor", "valuesKey": "vendors"},
              {"type": "textfield", "key": "code", "validate": {"pattern": "^[A-Z]{3}$", "maxLength": 3}},
              {"type": "number", "key": "amount", "validate": {"min": 0, "max": 100}},
              {"type": "number", "key": "asText", "serializeToString": true},
              {"type": "checkbox", "key": "confirmed"},
              {"type": "checklist", "key": "languages", "values": [{"label": "French", "value": "fr"}, {"label": "German", "value": "de"}]},
              {"type": "datetime", "key": "when"},
              {"type": "group", "components": [
                {"type": "textfield", "key": "insideGroup"},
                {"type": "group", "path": "address", "components": [{"type": "textfield", "key": "city"}]}
              ]},
              {"type": "textfield", "key": "contact.email"},
              {"type": "filepicker", "key": "upload"}
            ]}""";

    private final FormContract form = FormContract.parse(new ByteArrayInputStream(FORM.getBytes(StandardCharsets.UTF_8)));

    @Test
    void readsEveryKeyedFieldWithItsKindIncludingNestedGroupsPathsAndDottedKeys() {
        assertThat(form.formId()).isEqualTo("sample");
        assertThat(form.fields().keySet()).containsExactly("summary", "hiddenByFlag", "decision", "vendor", "code", "amount", "asText",
                "confirmed", "languages", "when", "insideGroup", "address", "contact", "upload");
        assertThat(form.fields().get("amount").kind()).isEqualTo(FormContract.Kind.NUMBER);
        assertThat(form.fields().get("asText").kind()).isEqualTo(FormContract.Kind.STRING);
        assertThat(form.fields().get("languages").kind()).isEqualTo(FormContract.Kind.LIST);
        assertThat(form.fields().get("address").kind()).isEqualTo(FormContract.Kind.OBJECT);
        assertThat(form.fields().get("contact").kind()).isEqualTo(FormContract.Kind.OBJECT);
        assertThat(form.fields().get("upload").kind()).isEqualTo(FormContract.Kind.UNSUPPORTED);
        assertThat(form.writableKeys()).doesNotContain("summary", "hiddenByFlag", "upload").contains("decision", "insideGroup");
    }

    @ParameterizedTest(name = "{0} = {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            dealId       | s:x                   | dealId: not a field of the form
            city         | s:Paris               | city: not a field of the form
            hiddenByFlag | s:x                   | hiddenByFlag: a disabled field of the form
            summary      | s:changed             | summary: a read-only field of the form
            decision     | s:MAYBE               | decision: 'MAYBE' is not one of [YES, NO]
            decision     | n:1                   | decision: expected a string (radio field), got a number
            code         | s:abc                 | code: 'abc' is not in the expected format
            code         | s:ABCD                | code: longer than 3 characters
            amount       | n:101                 | amount: more than 100
            amount       | s:5                   | amount: expected a number (number field), got a string
            confirmed    | s:true                | confirmed: expected a boolean (true or false) (checkbox field), got a string
            languages    | s:fr                  | languages: expected a list (JSON array) (checklist field), got a string
            languages    | json:["fr","pt"]    | languages: 'pt' is not one of [fr, de]
            address      | json:[1]            | address: expected an object (JSON object) (group field), got a JSON array
            upload       | s:file                | upload: a 'filepicker' field, which accepts no value here
            when         | date                | when: expected a string (datetime field), got a Date
            when         | s:2026-02-30          | when: '2026-02-30' is not a day on the calendar (YYYY-MM-DD, e.g. 2027-03-31)
            when         | s:31/12/2027          | when: '31/12/2027' is not a day on the calendar
            """)
    void refusesWithTheVariableAndTheReason(String name, String value, String expected) {
        FormContract.Verdict verdict = form.check(Map.of(name, SubmittedValue.of(value(value))), n -> SubmittedValue.of("as shown"));
        assertThat(verdict.violations()).hasSize(1);
        assertThat(verdict.violations().get(0)).startsWith(expected);
    }

    @Test
    void acceptsWhatTasklistSendsForAFilledInForm() {
        Map<String, SubmittedValue> submitted = new LinkedHashMap<>();
        submitted.put("summary", SubmittedValue.of(Variables.stringValue("as shown")));       // read-only, unchanged
        submitted.put("decision", SubmittedValue.of(Variables.untypedValue("YES")));
        submitted.put("vendor", SubmittedValue.of("Anyone"));                                // dynamic options: any string
        submitted.put("code", SubmittedValue.of(""));                                        // empty: no pattern check
        submitted.put("amount", SubmittedValue.of(Variables.integerValue(42)));
        submitted.put("asText", SubmittedValue.of("42"));
        submitted.put("confirmed", SubmittedValue.of(true));
        submitted.put("languages", SubmittedValue.of(Variables.serializedObjectValue("[\"fr\",\"de\"]").serializationDataFormat("application/json").create()));
        submitted.put("when", SubmittedValue.of("2027-01-01T10:00"));
        submitted.put("insideGroup", SubmittedValue.of(null));
        submitted.put("address", SubmittedValue.of(Map.of("city", "Paris")));
        FormContract.Verdict verdict = form.check(submitted, n -> SubmittedValue.of("as shown"));
        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.unchangedReadonly()).containsExactly("summary");
    }

    @Test
    void aReadOnlyFieldMatchesWhatItShowedAsTextAndAnEmptyFieldMatchesNoValue() {
        assertThat(SubmittedValue.of("5").sameAs(SubmittedValue.of(5L))).isTrue();
        assertThat(SubmittedValue.of(5.0).sameAs(SubmittedValue.of(5))).isTrue();
        assertThat(SubmittedValue.of("").sameAs(SubmittedValue.of(null))).isTrue();
        assertThat(SubmittedValue.of("5 ").sameAs(SubmittedValue.of("5"))).isFalse();
        assertThat(SubmittedValue.of(List.of("fr")).sameAs(SubmittedValue.of(Variables.serializedObjectValue("[\"fr\"]")
                .serializationDataFormat("application/json").create()))).isTrue();
    }

    @Test
    void aTaskWithoutAFormTakesNoVariables() {
        FormContract none = FormContract.none("task 'x' has no form");
        assertThat(none.check(Map.of("anything", SubmittedValue.of("x")), n -> null).violations()).containsExactly("anything: not a field of the form");
    }

    @Test
    void aBrokenFormIsRefusedWhenReadNotSilentlyEmpty() {
        assertThatThrownBy(() -> FormContract.parse(new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FormContract.parse(new ByteArrayInputStream("{\"components\": [{\"type\": \"textfield\", \"key\": \"a\", \"validate\": {\"pattern\": \"(\"}}]}"
                .getBytes(StandardCharsets.UTF_8)))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a: pattern");
    }

    @Test
    void aDynamicListTakesRowsOfItsOwnFieldsEachOfItsKind() {
        FormContract list = FormContract.parse(new ByteArrayInputStream("""
                {"id": "rows", "components": [
                  {"type": "dynamiclist", "id": "items", "path": "items", "isRepeating": true, "components": [
                    {"type": "select", "id": "itemsCategory", "key": "category", "values": [{"label": "Video", "value": "VIDEO"}]},
                    {"type": "select", "id": "itemsTrack", "key": "track", "valuesExpression": "=choices"},
                    {"type": "textfield", "id": "itemsCode", "key": "code", "validate": {"maxLength": 3}},
                    {"type": "textfield", "id": "itemsShown", "key": "shown", "readonly": true}
                  ]}
                ]}""".getBytes(StandardCharsets.UTF_8)));
        assertThat(list.fields().keySet()).containsExactly("items");
        assertThat(list.fields().get("items").kind()).isEqualTo(FormContract.Kind.LIST);
        assertThat(list.fields().get("items").rowFields().keySet()).containsExactly("category", "track", "code", "shown");
        assertThat(check(list, "[{\"category\": \"VIDEO\", \"track\": \"DUB fr\", \"code\": \"V-1\"}, {\"category\": null, \"code\": \"\"}]")).isEmpty();
        assertThat(check(list, "[]")).isEmpty();
        assertThat(check(list, "[{\"category\": \"AUDIO\"}, {\"code\": 7}, {\"trackId\": 4711}, {\"shown\": \"x\"}, \"VIDEO\", {\"code\": \"ABCD\"}]"))
                .containsExactly("items[0].category: 'AUDIO' is not one of [VIDEO]",
                        "items[1].code: expected a string (textfield field), got a number",
                        "items[2].trackId: not a field of the list's rows [category, track, code, shown]",
                        "items[3].shown: not a field of the list's rows [category, track, code, shown]",
                        "items[4]: expected a row (JSON object) of [category, track, code, shown], got a string",
                        "items[5].code: longer than 3 characters");
        assertThat(check(list, "[" + "{}, ".repeat(FormContract.MAX_ROWS) + "{}]")).containsExactly("items: at most 500 rows, got 501");
        assertThat(list.check(Map.of("items", SubmittedValue.of("VIDEO | x")), n -> null).violations())
                .containsExactly("items: expected a list (JSON array) (dynamiclist field), got a string");
    }

    private static List<String> check(FormContract form, String rows) {
        return form.check(Map.of("items", SubmittedValue.of(value("json:" + rows))), n -> null).violations();
    }

    private static Object value(String text) {
        if (text.equals("date")) return new java.util.Date();
        if (text.startsWith("json:")) return Variables.serializedObjectValue(text.substring(5)).serializationDataFormat("application/json").create();
        if (text.startsWith("s:")) return text.substring(2);
        return Integer.valueOf(text.substring(2));
    }
}
