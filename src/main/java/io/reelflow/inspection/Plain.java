package io.reelflow.inspection;

import javax.xml.stream.XMLStreamException;

/** Wording helpers: messages quote what the file says, briefly, and never show a parser's or a number's internals. */
final class Plain {

    private Plain() {
    }

    /** The text in double quotes, cut to 40 characters; "(nothing)" for null. */
    static String quote(String text) {
        if (text == null) {
            return "(nothing)";
        }
        String t = text.strip();
        if (t.codePointCount(0, t.length()) > 40) {
            t = t.substring(0, t.offsetByCodePoints(0, 37)) + "…";
        }
        return "\"" + t + "\"";
    }

    /** What a StAX parser says is wrong, without its "ParseError at [row,col]" prefix or JDK message keys. */
    static String parserReason(XMLStreamException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        int i = m.indexOf("Message: ");
        if (i >= 0) {
            m = m.substring(i + "Message: ".length());
        }
        return reason(m);
    }

    static String reason(String parserMessage) {
        String m = parserMessage == null ? "" : parserMessage.strip();
        if (m.contains("JAXP0")) {
            return "it exceeds a safety limit of the XML reader";
        }
        if (m.isEmpty()) {
            return "the XML reader could not make sense of it";
        }
        if (m.length() > 200) {
            m = m.substring(0, 197) + "…";
        }
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }

    /** A Throwable from a check in plain words: what kind of failure, never its class name or stack. */
    static String failure(Throwable t) {
        if (t instanceof StackOverflowError) {
            return "its structure is nested too deeply to be checked";
        }
        if (t instanceof OutOfMemoryError) {
            return "it needs more memory to check than the inspection may use";
        }
        if (t instanceof NumberFormatException || t instanceof ArithmeticException) {
            return "it holds a number that is too large or not a number where one is required";
        }
        return "its content made a check fail unexpectedly";
    }
}
