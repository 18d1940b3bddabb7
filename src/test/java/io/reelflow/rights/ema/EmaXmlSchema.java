package io.reelflow.rights.ema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * Checks an EMA Avails XML document with what MovieLabs' mddf-lib ships: the Avails 2.6 XSD (with Common Metadata 2.10,
 * MDMEC 2.10 and XML-DSig) and the Avails 2.6 vocabulary (AvailType, EntryType, LicenseType, Term@termName, the Open
 * end condition). mddf-lib's own validator is not used: it drags log4j-core and POI 5.2 with ooxml-schemas 4.1, which
 * clash with the service's logging and POI 5.5.
 */
public final class EmaXmlSchema {

    private static final String RESOURCES = "com/movielabs/mddf/resources/";
    private static Schema schema;
    private static JsonNode vocabulary;

    private EmaXmlSchema() {
    }

    /** Every schema and vocabulary problem of the document, with line and column; empty when valid. */
    public static List<String> problems(byte[] xml) {
        List<String> problems = new ArrayList<>();
        try {
            Validator v = schema().newValidator();
            v.setErrorHandler(new ErrorHandler() {
                public void warning(SAXParseException e) {
                }

                public void error(SAXParseException e) {
                    problems.add("line " + e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
                }

                public void fatalError(SAXParseException e) {
                    error(e);
                }
            });
            v.validate(new StreamSource(new ByteArrayInputStream(xml)));
            problems.addAll(vocabularyProblems(xml));
        } catch (Exception e) {
            problems.add(e.toString());
        }
        return problems;
    }

    private static synchronized Schema schema() throws Exception {
        if (schema == null) {
            URL xsd = EmaXmlSchema.class.getClassLoader().getResource(RESOURCES + "avails-v2.6.xsd");
            if (xsd == null) throw new IllegalStateException("mddf-lib's avails-v2.6.xsd is not on the test classpath");
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            // the XML-DSig schema's DOCTYPE names the W3C's XMLSchema.dtd (never fetched here): it is read without its DOCTYPE,
            // which declares only entities the schema does not use
            f.setResourceResolver((type, ns, publicId, systemId, baseUri) -> {
                if (systemId == null || !systemId.endsWith("xmldsig-core-schema.xsd")) return null;
                try (InputStream in = EmaXmlSchema.class.getClassLoader().getResourceAsStream(RESOURCES + "xmldsig-core-schema.xsd")) {
                    String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    text = text.replaceFirst("(?s)<!DOCTYPE.*?\\]>", "");
                    org.w3c.dom.ls.LSInput input = ((org.w3c.dom.ls.DOMImplementationLS) javax.xml.parsers.DocumentBuilderFactory.newInstance()
                            .newDocumentBuilder().getDOMImplementation()).createLSInput();
                    input.setStringData(text);
                    input.setSystemId(systemId);
                    input.setPublicId(publicId);
                    return input;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            schema = f.newSchema(xsd);
        }
        return schema;
    }

    private static synchronized JsonNode vocabulary() throws IOException {
        if (vocabulary == null) {
            try (InputStream in = EmaXmlSchema.class.getClassLoader().getResourceAsStream(RESOURCES + "vocab_avail_v2.6.json")) {
                vocabulary = new ObjectMapper().readTree(in).path("avail");
            }
        }
        return vocabulary;
    }

    private static List<String> vocabularyProblems(byte[] xml) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        List<String> problems = new ArrayList<>();
        check(doc, "AvailType", "AvailType", problems);
        check(doc, "EntryType", "EntryType", problems);
        check(doc, "LicenseType", "LicenseType", problems);
        check(doc, "EndCondition", "DateTimeCondition", problems);
        check(doc, "StartCondition", "DateTimeCondition", problems);
        NodeList terms = doc.getElementsByTagNameNS(EmaTemplate.XML_NS, "Term");
        Set<String> names = values("Term@termName");
        for (int i = 0; i < terms.getLength(); i++) {
            String name = ((Element) terms.item(i)).getAttribute("termName");
            if (!names.contains(name)) problems.add("Term@termName '" + name + "' is not in the Avails 2.6 vocabulary");
        }
        return problems;
    }

    private static void check(Document doc, String element, String vocab, List<String> problems) throws IOException {
        Set<String> allowed = values(vocab);
        NodeList nodes = doc.getElementsByTagNameNS(EmaTemplate.XML_NS, element);
        for (int i = 0; i < nodes.getLength(); i++) {
            String v = nodes.item(i).getTextContent().strip();
            if (!allowed.contains(v)) problems.add(element + " '" + v + "' is not in the Avails 2.6 vocabulary " + allowed);
        }
    }

    private static Set<String> values(String key) throws IOException {
        Set<String> out = new HashSet<>();
        vocabulary().path(key).forEach(n -> out.add(n.asText()));
        if (out.isEmpty()) throw new IllegalStateException("no vocabulary for " + key);
        return out;
    }
}
