package io.reelflow.inspection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parsers hardened against XXE and entity expansion: the files come from outside vendors, so DOCTYPEs are refused
 * outright and nothing external is ever fetched.
 */
final class SecureXml {

    private SecureXml() {
    }

    /** Parses with the limits of a composition playlist (the largest IMF document). */
    static Document parse(Path file) throws XmlProblem {
        return parse(file, XmlLimits.COMPOSITION_PLAYLIST);
    }

    /**
     * Parses a delivered XML file into a document, after checking without building anything that it is a regular
     * file (a symbolic link is refused unread), within the size limit, and nests no deeper and holds no more
     * elements than the limits allow. Whatever goes wrong, including an error thrown by the parser itself, comes
     * back as an {@link XmlProblem} in plain words.
     */
    static Document parse(Path file, XmlLimits limits) throws XmlProblem {
        checkFile(file, limits);
        prescan(file, limits);
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            DocumentBuilder builder = documentBuilderFactory(limits).newDocumentBuilder();
            builder.setErrorHandler(THROWING);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused");
            });
            return builder.parse(in);
        } catch (SAXParseException e) {
            throw problem(e.getMessage(), e.getLineNumber(), e);
        } catch (SAXException e) {
            throw problem(e.getMessage(), -1, e);
        } catch (IOException e) {
            throw unreadable(file, e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be configured securely", e);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new XmlProblem(FindingCode.INSPECTION_FAILED, "the " + limits.kind() + " could not be read: "
                    + Plain.failure(e), e);
        }
    }

    /** A regular file, not a link, no larger than the limit; else the reason as an XmlProblem. */
    static long checkFile(Path file, XmlLimits limits) throws XmlProblem {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (attributes.isSymbolicLink()) {
            throw new XmlProblem(FindingCode.ASSET_SYMLINK, "the " + limits.kind()
                    + " is a symbolic link; links are never followed, so it was not read", null);
        }
        if (!attributes.isRegularFile()) {
            throw new XmlProblem(FindingCode.ASSET_UNREADABLE, "the " + limits.kind() + " is not a regular file",
                    null);
        }
        if (attributes.size() > limits.maxBytes()) {
            throw new XmlProblem(FindingCode.FILE_TOO_LARGE, "the " + limits.kind() + " has " + attributes.size()
                    + " bytes; at most " + limits.maxBytes() + " (" + limits.maxBytes() / XmlLimits.MIB
                    + " MiB) are accepted for this kind of file, so it was not read", null);
        }
        return attributes.size();
    }

    static XmlProblem unreadable(Path file, IOException e) {
        String why = e instanceof java.nio.file.NoSuchFileException ? "it does not exist"
                : e instanceof java.nio.file.AccessDeniedException ? "access is denied"
                : e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                ? f.getReason().toLowerCase(java.util.Locale.ROOT) : "the file system reported an error";
        return new XmlProblem(FindingCode.ASSET_UNREADABLE, "cannot read " + file.getFileName() + ": " + why, e);
    }

    /**
     * One streaming pass that counts depth and elements and refuses a DOCTYPE, stopping at the first limit: no
     * document is built, so nothing grows with the file but the pass's time.
     */
    private static void prescan(Path file, XmlLimits limits) throws XmlProblem {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            XMLInputFactory factory = inputFactory();
            factory.setProperty(XMLInputFactory.IS_COALESCING, false);
            XMLStreamReader x = factory.createXMLStreamReader(in);
            try {
                int depth = 0;
                long elements = 0;
                while (x.hasNext()) {
                    int event = x.next();
                    if (event == XMLStreamConstants.DTD) {
                        throw doctype(x.getLocation().getLineNumber());
                    } else if (event == XMLStreamConstants.START_ELEMENT) {
                        depth++;
                        elements++;
                        if (depth > limits.maxDepth()) {
                            throw tooDeep(limits, x.getLocation().getLineNumber(), x.getLocalName());
                        }
                        if (elements > limits.maxElements()) {
                            throw tooMany(limits, x.getLocation().getLineNumber(), x.getLocalName());
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    }
                }
            } finally {
                x.close();
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            throw problem(Plain.parserReason(e), line, e);
        } catch (IOException e) {
            throw unreadable(file, e);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new XmlProblem(FindingCode.INSPECTION_FAILED, "the " + limits.kind() + " could not be read: "
                    + Plain.failure(e), e);
        }
    }

    /** The local name of the root element, read by streaming up to it; null when it cannot be read. */
    static String rootElementName(Path file, XmlLimits limits) {
        try {
            checkFile(file, limits);
        } catch (XmlProblem e) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            XMLStreamReader x = inputFactory().createXMLStreamReader(in);
            try {
                while (x.hasNext()) {
                    int event = x.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        return x.getLocalName();
                    }
                    if (event == XMLStreamConstants.DTD) {
                        return null;
                    }
                }
                return null;
            } finally {
                x.close();
            }
        } catch (IOException | XMLStreamException | RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    static XmlProblem doctype(int line) {
        return new XmlProblem(FindingCode.XML_DOCTYPE_FORBIDDEN,
                "the document declares a DOCTYPE" + at(line)
                        + "; DTDs are refused to prevent XML external entity attacks", null);
    }

    static XmlProblem tooDeep(XmlLimits limits, int line, String element) {
        return new XmlProblem(FindingCode.XML_LIMIT_EXCEEDED, "elements are nested more than " + limits.maxDepth()
                + " levels deep" + at(line) + " (element <" + element + ">); a " + limits.kind()
                + " never needs that many, so reading stopped there", null);
    }

    static XmlProblem tooMany(XmlLimits limits, int line, String element) {
        return new XmlProblem(FindingCode.XML_LIMIT_EXCEEDED, "the " + limits.kind() + " has more than "
                + limits.maxElements() + " elements (the limit was passed" + at(line) + ", element <" + element
                + ">), so reading stopped there", null);
    }

    static String at(int line) {
        return line > 0 ? " at line " + line : "";
    }

    /** A StAX factory with DTDs and external entities switched off. */
    static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new javax.xml.stream.XMLStreamException("external entity refused");
        });
        return factory;
    }

    static XmlProblem problem(String parserMessage, int line, Exception cause) {
        String message = parserMessage == null ? "" : parserMessage;
        if (message.contains("DOCTYPE") || message.contains("DTD")) {
            return doctype(line);
        }
        return new XmlProblem(FindingCode.XML_MALFORMED,
                "not well-formed XML" + at(line) + ": " + Plain.reason(message), cause);
    }

    private static DocumentBuilderFactory documentBuilderFactory(XmlLimits limits)
            throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        // the JDK's own limits as a second line behind the prescan
        factory.setAttribute("jdk.xml.maxElementDepth", String.valueOf(limits.maxDepth()));
        return factory;
    }

    /** Warnings pass; an error or fatal error ends the parse (shared by the schema compiler). */
    static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings do not make a document unusable
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    // ---- small DOM helpers, matching by local name because SMPTE documents mix namespace versions freely

    static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (localName == null || localName.equals(e.getLocalName()))) {
                out.add(e);
            }
        }
        return out;
    }

    static List<Element> childElements(Element parent) {
        return children(parent, null);
    }

    /** Trimmed text of the named child, or null when absent or blank. */
    static String childText(Element parent, String localName) {
        Element c = child(parent, localName);
        if (c == null) {
            return null;
        }
        String text = c.getTextContent().trim();
        return text.isEmpty() ? null : text;
    }

    /** All descendant elements with the local name, in document order. */
    static List<Element> descendants(Element root, String localName) {
        List<Element> out = new ArrayList<>();
        collect(root, localName, out);
        return out;
    }

    private static void collect(Element e, String localName, List<Element> out) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                if (localName.equals(c.getLocalName())) {
                    out.add(c);
                }
                collect(c, localName, out);
            }
        }
    }
}
