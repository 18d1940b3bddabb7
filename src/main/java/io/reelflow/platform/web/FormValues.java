package io.reelflow.platform.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Values typed into Tasklist forms, read the same way everywhere: refused with the form field's name. */
public final class FormValues {

    private FormValues() {
    }

    /**
     * An amount field: a text field ("75000.00", thousands separators allowed) or a number field, whose
     * floating-point value is taken by its decimal spelling. Null when empty.
     */
    public static BigDecimal amount(Object value, String field) {
        if (value == null || value.toString().isBlank()) return null;
        if (value instanceof Double || value instanceof Float) return new BigDecimal(value.toString());
        try {
            return new BigDecimal(value.toString().strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "'" + value + "' is not an amount (digits with an optional decimal point)");
        }
    }

    /** A date field (YYYY-MM-DD; a date-time from a date picker is cut to its day). */
    public static LocalDate date(String value, String field, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) throw new InvalidInputException(field, "required (YYYY-MM-DD)");
            return null;
        }
        String text = value.strip();
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + value + "' is not a date (YYYY-MM-DD)");
        }
    }
}
