package io.reelflow.inspection;

import java.util.Objects;

/**
 * One problem found in a delivery.
 *
 * @param code     stable machine-readable code (its {@link FindingCode#name()} is the UPPER_SNAKE string)
 * @param severity ERROR or WARNING
 * @param file     the file concerned, relative to the inspected package where there is one; may be null
 * @param element  the element, asset or event concerned (e.g. "Resource urn:uuid:…"); may be null
 * @param message  plain-English explanation for the coordinator and the vendor
 */
public record Finding(FindingCode code, Severity severity, String file, String element, String message) {

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    /** A finding with the code's usual severity. */
    public static Finding of(FindingCode code, String file, String element, String message) {
        return new Finding(code, code.defaultSeverity(), file, element, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(severity).append(' ').append(code.name());
        if (file != null) {
            s.append(" [").append(file);
            if (element != null) {
                s.append(" / ").append(element);
            }
            s.append(']');
        } else if (element != null) {
            s.append(" [").append(element).append(']');
        }
        return s.append(": ").append(message).toString();
    }
}
