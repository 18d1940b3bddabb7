package io.reelflow.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Text the API cannot store or show safely is refused where it comes in, naming the field: control characters
 * (U+0000 to U+001F except tab, line feed and carriage return; U+007F to U+009F), which PostgreSQL cannot store
 * (NUL) or a log or screen would act on, and the Unicode direction overrides and isolates (U+202A to U+202E,
 * U+2066 to U+2069), which make a name display as something else ("Trojan Source"). Refused, not stripped: a client
 * learns that its text was not taken as sent. Applies to every JSON string the API reads, and (through
 * {@link RequestLineFilter}) to paths and query parameters.
 */
@Configuration(proxyBeanMethods = false)
public class TextInput {

    /** Why {@code s} is refused, or null when it is acceptable. */
    public static String refusal(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') continue;
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                return String.format("contains the control character U+%04X at position %d", (int) c, i);
            }
            if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                return String.format("contains the Unicode direction control U+%04X at position %d (refused: it makes text display "
                        + "other than it reads)", (int) c, i);
            }
        }
        return null;
    }

    /** Every JSON string the API reads (request bodies; Camunda's own REST API has its own mapper). */
    @Bean
    Module textInputModule() {
        SimpleModule module = new SimpleModule("reelflow-text-input");
        module.addDeserializer(String.class, new CheckedStrings());
        return module;
    }

    static final class CheckedStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            if (value == null) return null;
            String refusal = refusal(value);
            if (refusal != null) throw JsonMappingException.from(p, refusal);
            return value;
        }
    }
}
