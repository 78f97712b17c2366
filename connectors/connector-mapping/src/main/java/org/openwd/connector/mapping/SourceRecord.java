package org.openwd.connector.mapping;

/**
 * One input record, read by path. What a path means depends on the record: a JSON pointer ({@code /customer/id}) for
 * {@link JsonRecord}, an XPath expression ({@code /case/customer/@id}) for {@link XmlRecord}, a column name or CSV
 * header for {@link MapRecord}.
 */
public interface SourceRecord {

	/**
	 * The value at a path: a String, Number, Boolean, java.time value, a List (several nodes or a JSON array), a Map
	 * (a JSON object), or {@code null} when nothing is there.
	 * @param path the path
	 * @return the value or {@code null}
	 * @throws MappingException if the path itself is invalid
	 */
	Object value(String path);

}
