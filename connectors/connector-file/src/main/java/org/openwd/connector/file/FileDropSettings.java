package org.openwd.connector.file;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Configuration of one file-drop source.
 *
 * @param directory the drop directory; required
 * @param archive where fully processed files go; default {@code <directory>/archive}
 * @param error where files with bad records go, next to a {@code .report.txt}; default {@code <directory>/error}
 * @param glob which file names to pick up; default {@code *.{csv,json,xml}} (producers write under another name, e.g.
 * {@code .tmp}, and rename when done)
 * @param csvSeparator the CSV column separator; default comma
 * @param jsonRecords JSON pointer to the array of records; default empty: the document is an array of records or one
 * record
 * @param xmlRecords XPath of the record elements; default {@code /*&#47;*} (the root's children)
 * @param pollInterval how often the directory is scanned; default 2s
 * @param retryBackoff wait after a retryable failure before the file is tried again; default 2s
 */
public record FileDropSettings(Path directory, Path archive, Path error, String glob, char csvSeparator,
		String jsonRecords, String xmlRecords, Duration pollInterval, Duration retryBackoff) {

	public FileDropSettings {
		if (directory == null) {
			throw new IllegalArgumentException("directory is required");
		}
		archive = archive == null ? directory.resolve("archive") : archive;
		error = error == null ? directory.resolve("error") : error;
		glob = glob == null || glob.isBlank() ? "*.{csv,json,xml}" : glob;
		jsonRecords = jsonRecords == null ? "" : jsonRecords;
		xmlRecords = xmlRecords == null || xmlRecords.isBlank() ? "/*/*" : xmlRecords;
		pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
		retryBackoff = retryBackoff == null ? Duration.ofSeconds(2) : retryBackoff;
	}

	public static FileDropSettings of(Path directory) {
		return new FileDropSettings(directory, null, null, null, ',', null, null, null, null);
	}

	/** From flat settings: directory, archive, error, glob, csv-separator, json-records, xml-records, poll-interval. */
	public static FileDropSettings from(Map<String, String> settings) {
		String directory = settings.get("directory");
		if (directory == null || directory.isBlank()) {
			throw new IllegalArgumentException("directory is required");
		}
		String separator = settings.getOrDefault("csv-separator", ",");
		return new FileDropSettings(Path.of(directory), path(settings.get("archive")), path(settings.get("error")),
				settings.get("glob"), separator.equals("\\t") ? '\t' : separator.charAt(0), settings.get("json-records"),
				settings.get("xml-records"),
				settings.containsKey("poll-interval") ? Duration.parse(settings.get("poll-interval")) : null,
				settings.containsKey("retry-backoff") ? Duration.parse(settings.get("retry-backoff")) : null);
	}

	private static Path path(String value) {
		return value == null || value.isBlank() ? null : Path.of(value);
	}

}
