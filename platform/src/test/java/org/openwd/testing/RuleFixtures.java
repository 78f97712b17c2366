package org.openwd.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;

import java.util.Map;

/** Deploys test-only classification rules: the active table plus one rule routing a task type to a profile. */
public final class RuleFixtures {

	private RuleFixtures() {
	}

	/** A DMN rule sending {@code type} to {@code profile} with the given required skill and department. */
	public static String rule(String id, String type, String profile, String skill, String department) {
		return """
				<rule id="%1$s">
				  <inputEntry id="%1$s_Type"><text>"%2$s"</text></inputEntry>
				  <inputEntry id="%1$s_Segment"><text>-</text></inputEntry>
				  <inputEntry id="%1$s_Channel"><text>-</text></inputEntry>
				  <inputEntry id="%1$s_Amount"><text>-</text></inputEntry>
				  <inputEntry id="%1$s_Source"><text>-</text></inputEntry>
				  <outputEntry id="%1$s_Profile"><text>"%3$s"</text></outputEntry>
				  <outputEntry id="%1$s_Department"><text>"%5$s"</text></outputEntry>
				  <outputEntry id="%1$s_Process"><text>"%5$s"</text></outputEntry>
				  <outputEntry id="%1$s_Value"><text></text></outputEntry>
				  <outputEntry id="%1$s_Skills"><text>"%4$s"</text></outputEntry>
				  <outputEntry id="%1$s_Sla"><text></text></outputEntry>
				</rule>
				""".formatted(id, type, profile, skill, department);
	}

	/** Deploys the active classification table with {@code rules} added before its last rule; asserts 201. */
	public static void deployWith(Api api, String rules) {
		String active = api.get("owner", "/api/v1/decisions/classification").body().path("definition").asText();
		Api.Response deployed = api.send("owner",
				HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/decisions/classification/versions"))
					.POST(HttpRequest.BodyPublishers.ofString(active.replace("<rule id=\"Rule_DocumentsStandard\"",
							rules + "<rule id=\"Rule_DocumentsStandard\""))),
				Map.of("Content-Type", "application/xml"));
		assertThat(deployed.status()).as(deployed.toString()).isEqualTo(201);
	}

	/**
	 * A stable DMN element id from any text. Digits map to distinct letters (g-p), so different UUID suffixes give
	 * different ids: mapping every digit to one letter made two tests' rules collide now and then (a duplicate id makes
	 * the whole table invalid).
	 */
	public static String ruleId(String prefix, String suffix) {
		StringBuilder id = new StringBuilder(prefix);
		for (char c : suffix.toCharArray()) {
			id.append(c >= 'a' && c <= 'z' ? c : c >= '0' && c <= '9' ? (char) ('g' + (c - '0')) : 'x');
		}
		return id.toString();
	}

}
