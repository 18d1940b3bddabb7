package io.reelflow.inspection;

import java.util.List;
import java.util.Map;

/**
 * What a TTML file says, before any timing is computed.
 *
 * @param rootNamespace   namespace of the root element
 * @param rootName        local name of the root element (should be "tt")
 * @param language        xml:lang of the root, null when absent
 * @param timingAttributes ttp: attributes of the root by local name
 * @param paragraphs      every p element, in document order
 * @param duplicateIds    each xml:id seen more than once, with the line of the repeat
 */
record TimedTextDocument(String rootNamespace, String rootName, String language, Map<String, String> timingAttributes,
                         List<Paragraph> paragraphs, List<IdAt> duplicateIds) {

    /**
     * @param id             xml:id, may be null
     * @param line           line of the p start tag
     * @param begin          begin attribute as written, may be null
     * @param end            end attribute, may be null
     * @param dur            dur attribute, may be null
     * @param ancestorBegins begin attributes of enclosing body/div elements (their times add up: par containers)
     * @param lines          displayed lines (br-separated), whitespace-normalized, ruby annotations left out
     */
    record Paragraph(String id, int line, String begin, String end, String dur, List<String> ancestorBegins,
                     List<String> lines) {

        String label() {
            return "p" + (id == null ? "" : " xml:id=" + id) + " (line " + line + ")";
        }
    }

    record IdAt(String id, int line) {
    }
}
