package org.openwd.connector.mapping;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.openwd.connector.api.StateNotice;

/** The JSON form of a write-back notice, shared by the AMQP and webhook write-backs. */
public final class StateNoticeJson {

	private static final ObjectMapper JSON = new ObjectMapper();

	private StateNoticeJson() {
	}

	public static Map<String, Object> fields(StateNotice notice) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("deliveryId", notice.deliveryId());
		fields.put("sourceSystem", notice.sourceSystem());
		fields.put("externalId", notice.externalId());
		fields.put("taskId", notice.taskId());
		fields.put("event", notice.event());
		fields.put("state", notice.state());
		if (notice.outcome() != null) {
			fields.put("outcome", notice.outcome());
		}
		if (notice.employee() != null) {
			fields.put("employee", notice.employee());
		}
		if (notice.reason() != null) {
			fields.put("reason", notice.reason());
		}
		fields.put("at", notice.at().toString());
		fields.put("seq", notice.seq());
		return fields;
	}

	public static byte[] toJson(StateNotice notice) {
		try {
			return JSON.writeValueAsBytes(fields(notice));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
