package org.openwd.presence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openwd.presence.PresenceState.NOT_READY;
import static org.openwd.presence.PresenceState.OFFLINE;
import static org.openwd.presence.PresenceState.READY;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.openwd.presence.PresenceState;
import org.openwd.presence.internal.PresencePolicy.Change;
import org.openwd.presence.internal.PresencePolicy.Refused;
import org.openwd.presence.internal.PresencePolicy.Unchanged;

/** The presence rules on their own: which requested changes are changes, which change nothing, which are refused. */
class PresencePolicyTests {

	final PresencePolicy policy = new PresencePolicy(PresenceProperties.DEFAULT_REASONS);

	@Test
	void anOfflineEmployeeCanGoReadyDirectly() {
		assertThat(policy.decide(OFFLINE, null, READY, null)).isEqualTo(new Change(READY, null));
	}

	@ParameterizedTest
	@EnumSource(PresenceState.class)
	void notReadyNeedsAReasonCodeFromAnyState(PresenceState from) {
		assertThat(policy.decide(from, null, NOT_READY, null)).isInstanceOfSatisfying(Refused.class, refused -> {
			assertThat(refused.field()).isEqualTo("reason");
			assertThat(refused.message()).contains("lunch", "missed-offer");
		});
		assertThat(policy.decide(from, null, NOT_READY, "  ")).isInstanceOf(Refused.class);
	}

	@Test
	void refusesAnUnknownReasonCodeNamingTheAllowedOnes() {
		assertThat(policy.decide(READY, null, NOT_READY, "nap")).isInstanceOfSatisfying(Refused.class, refused -> {
			assertThat(refused.field()).isEqualTo("reason");
			assertThat(refused.message()).contains("'nap'", "break", "after-call-work");
		});
	}

	@Test
	void reasonCodesAreNotCaseSensitiveAndStoredInLowerCase() {
		assertThat(policy.decide(READY, null, NOT_READY, " Lunch ")).isEqualTo(new Change(NOT_READY, "lunch"));
	}

	@Test
	void askingForTheCurrentPresenceChangesNothing() {
		assertThat(policy.decide(READY, null, READY, null)).isInstanceOf(Unchanged.class);
		assertThat(policy.decide(OFFLINE, null, OFFLINE, "logout")).isInstanceOf(Unchanged.class);
		assertThat(policy.decide(NOT_READY, "lunch", NOT_READY, "lunch")).isInstanceOf(Unchanged.class);
	}

	@Test
	void anotherReasonWhileNotReadyIsAChange() {
		assertThat(policy.decide(NOT_READY, "break", NOT_READY, "meeting")).isEqualTo(new Change(NOT_READY, "meeting"));
	}

	@Test
	void readyAndOfflineTakeAnOptionalNoteOnWhy() {
		assertThat(policy.decide(READY, null, OFFLINE, "connection-lost")).isEqualTo(new Change(OFFLINE, "connection-lost"));
		assertThat(policy.decide(READY, null, NOT_READY, "x".repeat(101))).isInstanceOf(Refused.class);
		assertThat(policy.decide(READY, null, OFFLINE, "x".repeat(101))).isInstanceOf(Refused.class);
	}

	@Test
	void aMissingStateIsRefusedNamingTheStateField() {
		assertThat(policy.decide(READY, null, null, null)).isInstanceOfSatisfying(Refused.class,
				refused -> assertThat(refused.field()).isEqualTo("state"));
	}

	@Test
	void usesTheConfiguredReasonCodes() {
		PresenceProperties configured = new PresenceProperties(List.of(" Break ", "doctor"));
		PresencePolicy custom = new PresencePolicy(configured.reasons());
		assertThat(custom.decide(READY, null, NOT_READY, "doctor")).isEqualTo(new Change(NOT_READY, "doctor"));
		assertThat(custom.decide(READY, null, NOT_READY, "break")).isEqualTo(new Change(NOT_READY, "break"));
		assertThat(custom.decide(READY, null, NOT_READY, "lunch")).isInstanceOf(Refused.class);
	}

}
