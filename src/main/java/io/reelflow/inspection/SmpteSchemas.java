package io.reelflow.inspection;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Validates ASSETMAP, packing list and composition playlist against the SMPTE XML schemas: ST 429-9 (ASSETMAP),
 * ST 429-8 and ST 2067-2:2016 (PKL), ST 2067-3:2013 and 2016 (CPL) with the ST 2067-2:2013 and 2016 core
 * constraints. The XSDs are the SMPTE ones as Netflix's Photon 1.0.0 ships them under {@code org/smpte_ra/schemas}
 * (its resources only; none of its code is used).
 *
 * <p>Bounded: the schemas are compiled once from the classpath, every import (dcmlTypes, xmldsig) is resolved by
 * namespace from the classpath and nothing is ever fetched from outside (secure processing, no external DTD or
 * schema access); an instance document's own {@code xsi:schemaLocation} is ignored. The document is streamed
 * through the validator by a parser that refuses DOCTYPEs; it has passed the size, depth and element limits of
 * {@link SecureXml} before. Each break becomes a finding in plain words with its line: a required element missing,
 * an element not allowed where it is, a value of the wrong form, an attribute missing or not allowed.
 */
final class SmpteSchemas {

    /** Schema breaks listed per document; the rest are counted in one more finding. */
    static final int MAX_FINDINGS = 25;

    private static final String BASE = "org/smpte_ra/schemas/";

    /** Namespace → classpath XSD, for every schema and import used. */
    private static final Map<String, String> XSD = Map.of(
            "http://www.smpte-ra.org/schemas/429-9/2007/AM", BASE + "st0429_9_2007/AM/assetMap_schema.xsd",
            "http://www.smpte-ra.org/schemas/429-8/2007/PKL", BASE + "st0429_8_2007/PKL/packingList_schema.xsd",
            "http://www.smpte-ra.org/schemas/2067-2/2016/PKL", BASE + "st2067_2_2016/PKL/packingList_schema.xsd",
            "http://www.smpte-ra.org/schemas/2067-3/2013", BASE + "st2067_3_2013/imf-cpl.xsd",
            "http://www.smpte-ra.org/schemas/2067-3/2016", BASE + "st2067_3_2016/imf-cpl-20160411.xsd",
            "http://www.smpte-ra.org/schemas/2067-2/2013", BASE + "st2067_2_2013/imf-core-constraints-20130620-pal.xsd",
            "http://www.smpte-ra.org/schemas/2067-2/2016", BASE + "st2067_2_2016/imf-core-constraints-20160411.xsd",
            "http://www.smpte-ra.org/schemas/433/2008/dcmlTypes/", BASE + "st0433_2008/dcmlTypes/dcmlTypes.xsd",
            "http://www.w3.org/2000/09/xmldsig#", "org/w3/_2000_09/xmldsig/xmldsig-core-schema.xsd");

    /** The kinds of document validated, with the namespaces each schema set holds. */
    enum Kind {
        ASSETMAP("SMPTE ST 429-9 ASSETMAP schema", List.of("http://www.smpte-ra.org/schemas/429-9/2007/AM")),
        PACKING_LIST("SMPTE packing-list schema (ST 429-8 / ST 2067-2:2016)",
                List.of("http://www.smpte-ra.org/schemas/429-8/2007/PKL",
                        "http://www.smpte-ra.org/schemas/2067-2/2016/PKL")),
        COMPOSITION_PLAYLIST("SMPTE ST 2067-3 composition playlist schema",
                List.of("http://www.smpte-ra.org/schemas/2067-3/2013", "http://www.smpte-ra.org/schemas/2067-3/2016",
                        "http://www.smpte-ra.org/schemas/2067-2/2013",
                        "http://www.smpte-ra.org/schemas/2067-2/2016"));

        final String title;
        final List<String> namespaces;
        private volatile Schema schema;

        Kind(String title, List<String> namespaces) {
            this.title = title;
            this.namespaces = namespaces;
        }

        /** The root namespaces (not the core-constraint extensions) whose documents this schema set validates. */
        boolean validatesRoot(String namespace) {
            return namespace != null && namespaces.contains(namespace) && !namespace.matches(".*/2067-2/20\\d\\d$");
        }

        Schema schema() {
            Schema s = schema;
            if (s == null) {
                synchronized (this) {
                    s = schema;
                    if (s == null) {
                        s = compile(namespaces);
                        schema = s;
                    }
                }
            }
            return s;
        }
    }

    private SmpteSchemas() {
    }

    /**
     * Validates {@code file} (already parsed once, so well-formed and within its limits) when its root namespace has
     * a schema here; adds the breaks to {@code findings}. Returns whether it was validated.
     */
    static boolean validate(Path file, String displayName, Kind kind, String rootNamespace, XmlLimits limits, List<Finding> findings) {
        if (!kind.validatesRoot(rootNamespace)) {
            return false;
        }
        Schema schema;
        try {
            schema = kind.schema();
        } catch (IllegalStateException e) {
            findings.add(new Finding(FindingCode.SCHEMA_INVALID, Severity.WARNING, displayName, null,
                    "the " + kind.title + " is not available to this inspection, so the document was not validated"
                            + " against it"));
            return false;
        }
        Collector collector = new Collector(displayName, findings);
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            // read again within the limits it was parsed with: a file swapped since is not read past them
            SecureXml.checkFile(file, limits);
            ValidatorHandler validator = schema.newValidatorHandler();
            setQuietly(validator, XMLConstants.ACCESS_EXTERNAL_DTD, "");
            setQuietly(validator, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            setQuietly(validator, "http://apache.org/xml/properties/locale", Locale.ENGLISH);
            validator.setErrorHandler(collector);
            validator.setResourceResolver((type, ns, publicId, systemId, baseUri) -> {
                throw new IllegalStateException("external resource refused");
            });
            collector.validator = validator;
            XMLReader reader = secureReader();
            reader.setProperty("jdk.xml.maxElementDepth", String.valueOf(limits.maxDepth()));
            reader.setContentHandler(collector);
            reader.setErrorHandler(collector);
            reader.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused");
            });
            reader.parse(new InputSource(in));
        } catch (IOException | XmlProblem e) {
            findings.add(new Finding(FindingCode.SCHEMA_INVALID, Severity.WARNING, displayName, null,
                    "the document could not be read again for schema validation, so it was not validated"));
            return false;
        } catch (SAXException | RuntimeException | StackOverflowError e) {
            // a parser failure here (the document was read once already) ends validation; what was found stays
            findings.add(new Finding(FindingCode.SCHEMA_INVALID, Severity.WARNING, displayName, null,
                    "schema validation stopped early: " + Plain.failure(e)));
        }
        collector.finish();
        return true;
    }

    private static void setQuietly(ValidatorHandler v, String property, Object value) {
        try {
            v.setProperty(property, value);
        } catch (SAXException | RuntimeException e) {
            // not every JAXP implementation knows every property; secure processing is set on the factory anyway
        }
    }

    private static XMLReader secureReader() throws SAXException {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setXIncludeAware(false);
            return factory.newSAXParser().getXMLReader();
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be configured securely", e);
        }
    }

    /** Compiles the schemas of the namespaces from the classpath; every import is resolved there too. */
    static Schema compile(List<String> namespaces) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setResourceResolver(new ClasspathResolver());
            factory.setErrorHandler(SecureXml.THROWING);
            List<Source> sources = new ArrayList<>();
            for (String ns : namespaces) {
                String resource = XSD.get(ns);
                URL url = resource == null ? null : SmpteSchemas.class.getClassLoader().getResource(resource);
                if (url == null) {
                    throw new IllegalStateException("schema resource missing for " + ns);
                }
                sources.add(new StreamSource(url.openStream(), url.toExternalForm()));
            }
            return factory.newSchema(sources.toArray(Source[]::new));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("SMPTE schemas cannot be compiled: " + e.getMessage(), e);
        }
    }

    /** Resolves an import by its namespace to the classpath copy; anything else is refused. */
    private static final class ClasspathResolver implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId,
                String baseUri) {
            String resource = namespace == null ? null : XSD.get(namespace);
            URL url = resource == null ? null : SmpteSchemas.class.getClassLoader().getResource(resource);
            if (url == null) {
                throw new IllegalStateException("schema import refused: " + namespace + " " + systemId);
            }
            try {
                return new Input(url.openStream(), url.toExternalForm(), publicId);
            } catch (IOException e) {
                throw new IllegalStateException("schema resource unreadable: " + resource, e);
            }
        }
    }

    private record Input(InputStream byteStream, String systemId, String publicId) implements LSInput {
        @Override
        public java.io.Reader getCharacterStream() {
            return null;
        }

        @Override
        public void setCharacterStream(java.io.Reader characterStream) {
        }

        @Override
        public InputStream getByteStream() {
            return byteStream;
        }

        @Override
        public void setByteStream(InputStream byteStream) {
        }

        @Override
        public String getStringData() {
            return null;
        }

        @Override
        public void setStringData(String stringData) {
        }

        @Override
        public String getSystemId() {
            return systemId;
        }

        @Override
        public void setSystemId(String systemId) {
        }

        @Override
        public String getPublicId() {
            return publicId;
        }

        @Override
        public void setPublicId(String publicId) {
        }

        @Override
        public String getBaseURI() {
            return systemId;
        }

        @Override
        public void setBaseURI(String baseURI) {
        }

        @Override
        public String getEncoding() {
            return null;
        }

        @Override
        public void setEncoding(String encoding) {
        }

        @Override
        public boolean getCertifiedText() {
            return false;
        }

        @Override
        public void setCertifiedText(boolean certifiedText) {
        }
    }

    // ---- turning the validator's messages into findings

    private static final Pattern KEY = Pattern.compile("^(cvc-[A-Za-z.0-9-]+):\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern STARTING_WITH = Pattern.compile("starting with element '([^']*)'");
    private static final Pattern EXPECTED = Pattern.compile("One of '\\{(.*)\\}' is expected");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    /** One open element: its name, line, the names of its children so far, and judgements waiting for its end. */
    private static final class Frame {
        final String name;
        final String path;
        final List<String> children = new ArrayList<>();
        final List<String[]> pending = new ArrayList<>(); // {offending child, expected list, line}

        Frame(String name, String path) {
            this.name = name;
            this.path = path;
        }
    }

    /** Feeds the validator, tracks where it is, and words what it reports. */
    private static final class Collector implements ContentHandler, ErrorHandler {
        final String file;
        final List<Finding> out;
        final List<Frame> stack = new ArrayList<>();
        ValidatorHandler validator;
        Locator locator;
        int count;
        Finding firstDropped;
        /** A facet or datatype message waiting for the element or attribute message that names where it is. */
        String valueDetail;

        Collector(String file, List<Finding> out) {
            this.file = file;
            this.out = out;
        }

        void add(FindingCode code, String element, String message) {
            count++;
            Finding f = Finding.of(code, file, element, message);
            if (count <= MAX_FINDINGS) {
                out.add(f);
            } else if (firstDropped == null) {
                firstDropped = f;
            }
        }

        void finish() {
            if (firstDropped != null) {
                out.add(Finding.of(firstDropped.code(), file, firstDropped.element(), (count - MAX_FINDINGS)
                        + " more schema breaks are not listed, the first of them: " + firstDropped.message()));
            }
        }

        int line() {
            return locator == null ? -1 : locator.getLineNumber();
        }

        Frame top() {
            return stack.isEmpty() ? null : stack.get(stack.size() - 1);
        }

        Frame parent() {
            return stack.size() < 2 ? null : stack.get(stack.size() - 2);
        }

        // ---- ContentHandler: track, then forward

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
            validator.setDocumentLocator(locator);
        }

        @Override
        public void startDocument() throws SAXException {
            validator.startDocument();
        }

        @Override
        public void endDocument() throws SAXException {
            validator.endDocument();
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            validator.startPrefixMapping(prefix, uri);
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            validator.endPrefixMapping(prefix);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            Frame parent = top();
            if (parent != null) {
                parent.children.add(localName);
            }
            stack.add(new Frame(localName, parent == null ? localName : parent.path + "/" + localName));
            validator.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            validator.endElement(uri, localName, qName);
            Frame done = stack.remove(stack.size() - 1);
            for (String[] p : done.pending) {
                judgeOutOfPlace(done, p[0], p[1], Integer.parseInt(p[2]));
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            validator.characters(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            validator.ignorableWhitespace(ch, start, length);
        }

        @Override
        public void processingInstruction(String target, String data) throws SAXException {
            validator.processingInstruction(target, data);
        }

        @Override
        public void skippedEntity(String name) throws SAXException {
            validator.skippedEntity(name);
        }

        // ---- ErrorHandler

        @Override
        public void warning(SAXParseException e) {
            // schema warnings do not break a document
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void error(SAXParseException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            Matcher m = KEY.matcher(message);
            String key = m.matches() ? m.group(1) : "";
            String text = m.matches() ? m.group(2) : message;
            int line = e.getLineNumber() > 0 ? e.getLineNumber() : line();
            switch (key) {
                case "cvc-complex-type.2.4.a" -> {
                    // an element where the schema wanted another: missing or out of order, told at the parent's end
                    Frame parent = parent();
                    String offending = localOf(first(STARTING_WITH, text));
                    String expected = String.join(",", expectedNames(text));
                    if (parent != null) {
                        parent.pending.add(new String[] {offending, expected, String.valueOf(line)});
                    } else {
                        add(FindingCode.SCHEMA_ELEMENT_UNEXPECTED, offending, "<" + offending + ">" + at(line)
                                + " is not allowed there; the schema expects " + names(expectedNames(text)));
                    }
                }
                case "cvc-complex-type.2.4.b" -> {
                    Frame here = top();
                    List<String> expected = expectedNames(text);
                    String last = here == null || here.children.isEmpty() ? null
                            : here.children.get(here.children.size() - 1);
                    String name = here == null ? "element" : here.name;
                    add(FindingCode.SCHEMA_ELEMENT_MISSING, here == null ? null : here.path,
                            "<" + name + ">" + at(line) + " is incomplete: after "
                                    + (last == null ? "its start" : "<" + last + ">") + " the schema requires "
                                    + names(expected) + ", which " + (expected.size() == 1 ? "is" : "are") + " missing");
                }
                case "cvc-complex-type.2.4.d", "cvc-complex-type.2.4.f" -> {
                    Frame here = top();
                    Frame parent = parent();
                    String offending = localOf(first(Pattern.compile("element '([^']*)'"), text));
                    add(FindingCode.SCHEMA_ELEMENT_UNEXPECTED, here == null ? offending : here.path,
                            "<" + offending + ">" + at(line) + " is not allowed in <"
                                    + (parent == null ? "?" : parent.name) + ">: the schema expects nothing more there");
                }
                case "cvc-complex-type.2.4.c", "cvc-elt.1.a" -> {
                    Frame here = top();
                    String offending = localOf(first(QUOTED, text));
                    add(FindingCode.SCHEMA_ELEMENT_UNEXPECTED, here == null ? offending : here.path,
                            "<" + offending + ">" + at(line) + " is no element the schema defines there");
                }
                case "cvc-type.3.1.1" -> {
                    Frame here = top();
                    add(FindingCode.SCHEMA_ATTRIBUTE_INVALID, here == null ? null : here.path,
                            "<" + (here == null ? "?" : here.name) + ">" + at(line) + " may carry no attribute");
                }
                case "cvc-complex-type.3.2.2" -> {
                    Frame here = top();
                    String attribute = first(QUOTED, text);
                    add(FindingCode.SCHEMA_ATTRIBUTE_INVALID, here == null ? null : here.path,
                            "the attribute \"" + attribute + "\" is not allowed on <" + (here == null ? "?" : here.name)
                                    + ">" + at(line));
                }
                case "cvc-complex-type.4" -> {
                    Frame here = top();
                    String attribute = first(QUOTED, text);
                    add(FindingCode.SCHEMA_ATTRIBUTE_INVALID, here == null ? null : here.path,
                            "<" + (here == null ? "?" : here.name) + ">" + at(line) + " lacks the attribute \""
                                    + attribute + "\", which the schema requires");
                }
                case "cvc-complex-type.2.3", "cvc-complex-type.2.1" -> {
                    Frame here = top();
                    add(FindingCode.SCHEMA_VALUE_INVALID, here == null ? null : here.path,
                            "<" + (here == null ? "?" : here.name) + ">" + at(line)
                                    + (key.endsWith("2.1") ? " must be empty" : " may hold only elements, not text"));
                }
                case "cvc-type.3.1.3", "cvc-attribute.3", "cvc-elt.5.2.2.2.2", "cvc-elt.5.2.2.2.1" -> {
                    Frame here = top();
                    List<String> quoted = all(QUOTED, text);
                    String value = quoted.isEmpty() ? null : quoted.get(0);
                    String where = key.equals("cvc-attribute.3") && quoted.size() >= 3
                            ? "the attribute \"" + quoted.get(1) + "\" of <" + localOf(quoted.get(2)) + ">"
                            : "<" + (here == null ? "?" : here.name) + ">";
                    add(FindingCode.SCHEMA_VALUE_INVALID, here == null ? null : here.path,
                            where + at(line) + " holds " + Plain.quote(value) + ", which "
                                    + (valueDetail == null ? "is not a value its schema type allows" : valueDetail));
                    valueDetail = null;
                }
                default -> {
                    if (key.startsWith("cvc-datatype-valid") || key.endsWith("-valid")) {
                        valueDetail = describeValueRule(key, text);
                    } else {
                        Frame here = top();
                        add(FindingCode.SCHEMA_INVALID, here == null ? null : here.path,
                                "the document breaks its schema" + at(line) + " at <"
                                        + (here == null ? "?" : here.name) + ">: " + Plain.reason(text));
                    }
                }
            }
        }

        /** Told when the parent ends, knowing all its children: a required element missing, or one out of order. */
        private void judgeOutOfPlace(Frame parent, String offending, String expectedJoined, int line) {
            List<String> expected = expectedJoined.isEmpty() ? List.of() : List.of(expectedJoined.split(","));
            boolean anyPresent = expected.stream().anyMatch(parent.children::contains);
            String later = expected.stream().filter(parent.children::contains).findFirst().orElse(null);
            boolean repeated = parent.children.stream().filter(offending::equals).count() > 1;
            if (!anyPresent && !expected.isEmpty()) {
                add(FindingCode.SCHEMA_ELEMENT_MISSING, parent.path, "<" + parent.name + "> has no "
                        + names(expected) + " before <" + offending + ">" + at(line) + ", which the schema requires");
            } else {
                add(FindingCode.SCHEMA_ELEMENT_UNEXPECTED, parent.path + "/" + offending,
                        "<" + offending + ">" + at(line) + " is not allowed where it is in <" + parent.name
                                + ">: the schema expects " + names(expected) + " there"
                                + (later != null ? " (<" + later + "> comes after it)"
                                : repeated ? " (<" + offending + "> is repeated)" : ""));
            }
        }
    }

    /** What a facet or datatype rule asks for, in words: "is not a urn:uuid: identifier", "is not a whole number". */
    static String describeValueRule(String key, String text) {
        String type = null;
        Matcher forType = Pattern.compile("for type '([^']*)'").matcher(text);
        if (forType.find()) {
            type = forType.group(1);
        } else {
            Matcher validValue = Pattern.compile("is not a valid value for '([^']*)'").matcher(text);
            if (validValue.find()) {
                type = validValue.group(1);
            }
        }
        if (key.startsWith("cvc-enumeration-valid")) {
            Matcher en = Pattern.compile("enumeration '\\[([^\\]]*)\\]'").matcher(text);
            return "is none of the values the schema allows" + (en.find() ? " (" + cut(en.group(1)) + ")" : "");
        }
        if (key.startsWith("cvc-minLength") || key.startsWith("cvc-length")) {
            return "is shorter than the schema allows (an empty value where one is required?)";
        }
        if (key.startsWith("cvc-maxLength")) {
            return "is longer than the schema allows";
        }
        if (key.startsWith("cvc-minInclusive") || key.startsWith("cvc-minExclusive")) {
            return "is below the smallest value the schema allows";
        }
        if (key.startsWith("cvc-maxInclusive") || key.startsWith("cvc-maxExclusive")) {
            return "is above the largest value the schema allows";
        }
        return "is not " + typeInWords(type);
    }

    static String typeInWords(String type) {
        if (type == null) {
            return "a value its schema type allows";
        }
        return switch (type) {
            case "UUIDType", "UUID" -> "a UUID in the form urn:uuid:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
            case "dateTime" -> "a date and time such as 2016-04-11T10:00:00Z";
            case "RationalType" -> "a rational of two whole numbers such as \"24000 1001\"";
            case "integer", "long", "int", "nonNegativeInteger", "positiveInteger", "unsignedLong", "unsignedInt",
                    "unsignedShort", "short" -> "a whole number" + (type.contains("positive") ? " above 0"
                    : type.contains("nonNegative") || type.startsWith("unsigned") ? " (0 or more)" : "");
            case "boolean" -> "true or false";
            case "base64Binary", "DigestValueType" -> "base64 data";
            case "anyURI" -> "a URI";
            case "language" -> "a language tag";
            default -> "a valid " + type;
        };
    }

    private static String cut(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "…" : s;
    }

    private static String at(int line) {
        return line > 0 ? " at line " + line : "";
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : "?";
    }

    private static List<String> all(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The local names of "One of '{"ns":A, "ns":B, WC[##other:"…"]}' is expected". */
    static List<String> expectedNames(String text) {
        Matcher m = EXPECTED.matcher(text);
        if (!m.find()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String part : m.group(1).split(",")) {
            String p = part.strip();
            if (p.startsWith("WC[")) {
                names.add("(an element of another namespace)");
            } else if (!p.isEmpty()) {
                names.add(localOf(p));
            }
        }
        return new ArrayList<>(names);
    }

    /** {@code "ns":Name} or {@code ns:Name} → Name. */
    static String localOf(String qualified) {
        if (qualified == null) {
            return "?";
        }
        String q = qualified.strip();
        if (q.startsWith("{") && q.endsWith("}")) {
            q = q.substring(1, q.length() - 1).strip();
        }
        int quote = q.lastIndexOf("\":");
        if (quote >= 0) {
            return q.substring(quote + 2);
        }
        int colon = q.lastIndexOf(':');
        return colon >= 0 ? q.substring(colon + 1) : q;
    }

    private static String names(List<String> names) {
        if (names.isEmpty()) {
            return "other content";
        }
        if (names.size() == 1) {
            return "<" + names.get(0) + ">";
        }
        StringBuilder s = new StringBuilder("one of ");
        for (int i = 0; i < names.size(); i++) {
            s.append(i == 0 ? "" : ", ").append('<').append(names.get(i)).append('>');
        }
        return s.toString();
    }
}
