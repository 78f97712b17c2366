package org.openwd.distribution.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** Equal values come back as one instance, up to a bound past which values pass through unchanged. */
class InternerTests {

	@Test
	void handsBackTheFirstInstanceOfEqualValues() {
		Interner interner = new Interner(10);
		Set<String> first = Set.of(new String("claims"), new String("water"));
		Set<String> second = Set.of(new String("water"), new String("claims"));

		assertThat(interner.intern(first)).isSameAs(first);
		assertThat(interner.intern(second)).isSameAs(first);
		assertThat(interner.intern(new String("dept1"))).isSameAs(interner.intern(new String("dept1")));
		assertThat(interner.intern((String) null)).isNull();
	}

	@Test
	void stopsRememberingPastItsLimitButStillAnswersEqualValues() {
		Interner interner = new Interner(2);
		String a = interner.intern(new String("a"));
		interner.intern(new String("b"));
		String c = new String("c");

		assertThat(interner.intern(c)).isSameAs(c);
		assertThat(interner.intern(new String("c"))).isEqualTo("c").isNotSameAs(c);
		assertThat(interner.intern(new String("a"))).isSameAs(a);
		assertThat(interner.size()).isEqualTo(2);
	}

}
