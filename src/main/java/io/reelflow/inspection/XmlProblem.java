package io.reelflow.inspection;

/** Why an XML file could not be read: not well-formed, a forbidden DOCTYPE, or an I/O failure. */
public final class XmlProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final FindingCode code;

    XmlProblem(FindingCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public FindingCode code() {
        return code;
    }

    Finding toFinding(String file) {
        return Finding.of(code, file, null, getMessage());
    }
}
