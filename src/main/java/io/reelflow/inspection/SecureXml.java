package io.reelflow.inspection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
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

    static Document parse(Path file) throws XmlProblem {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilder builder = documentBuilderFactory().newDocumentBuilder();
            builder.setErrorHandler(THROWING);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            return builder.parse(in, file.toUri().toString());
        } catch (SAXParseException e) {
            throw problem(e.getMessage(), " at line " + e.getLineNumber() + ", column " + e.getColumnNumber(), e);
        } catch (SAXException e) {
            throw problem(e.getMessage(), "", e);
        } catch (IOException e) {
            throw new XmlProblem(FindingCode.ASSET_UNREADABLE, "cannot read " + file.getFileName() + ": " + e, e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be configured securely", e);
        }
    }

    /** A StAX factory with DTDs and external entities switched off. */
    static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new javax.xml.stream.XMLStreamException("external entity refused: " + systemId);
        });
        return factory;
    }

    private static XmlProblem problem(String parserMessage, String where, Exception cause) {
        String message = parserMessage == null ? cause.toString() : parserMessage;
        if (message.contains("DOCTYPE")) {
            return new XmlProblem(FindingCode.XML_DOCTYPE_FORBIDDEN,
                    "the document declares a DOCTYPE; DTDs are refused to prevent XML external entity attacks" + where,
                    cause);
        }
        return new XmlProblem(FindingCode.XML_MALFORMED, "not well-formed XML" + where + ": " + message, cause);
    }

    private static DocumentBuilderFactory documentBuilderFactory() throws ParserConfigurationException {
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
        return factory;
    }

    private static final ErrorHandler THROWING = new ErrorHandler() {
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
