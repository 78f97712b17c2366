package org.openwd.connector.mapping;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * An XML document read by XPath 1.0 (the JDK's), e.g. {@code /case/customer/@id} or {@code //skill}. Several matching
 * nodes give a list of their texts. DTDs and external entities are refused (XXE).
 */
public final class XmlRecord implements SourceRecord {

	private final Node root;

	public XmlRecord(Node root) {
		this.root = root;
	}

	/**
	 * Parses an XML document.
	 * @throws MappingException if the bytes are not well-formed XML or declare a DTD
	 */
	public static XmlRecord parse(byte[] xml) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(false);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setXIncludeAware(false);
			factory.setExpandEntityReferences(false);
			DocumentBuilder builder = factory.newDocumentBuilder();
			builder.setErrorHandler(null);
			Document document = builder.parse(new ByteArrayInputStream(xml));
			return new XmlRecord(document);
		}
		catch (Exception ex) {
			throw new MappingException("payload: not well-formed XML: " + JsonRecord.firstLine(ex.getMessage()), ex);
		}
	}

	public Node root() {
		return this.root;
	}

	@Override
	public Object value(String path) {
		XPath xpath = XPathFactory.newInstance().newXPath();
		NodeList nodes;
		try {
			nodes = (NodeList) xpath.evaluate(path, this.root, XPathConstants.NODESET);
		}
		catch (XPathExpressionException ex) {
			try {
				String text = (String) xpath.evaluate(path, this.root, XPathConstants.STRING);
				return text.isEmpty() ? null : text;
			}
			catch (XPathExpressionException invalid) {
				throw new MappingException("mapping: invalid XPath " + path, invalid);
			}
		}
		if (nodes.getLength() == 0) {
			return null;
		}
		if (nodes.getLength() == 1) {
			return nodes.item(0).getTextContent();
		}
		List<Object> texts = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			texts.add(nodes.item(i).getTextContent());
		}
		return texts;
	}

}
