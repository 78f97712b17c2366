package org.openwd.bench.jmh;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.openwd.bench.engine.EngineFixture;
import org.openwd.rules.priority.PriorityCalculator;
import org.openwd.rules.priority.PriorityExplanation;
import org.openwd.rules.priority.PriorityPolicy;
import org.openwd.rules.priority.PrioritySubject;
import org.openwd.rules.priority.Rank;

/** The priority math on its own: effective priority, the rank the index orders by, and the "why" explanation. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PriorityBenchmark {

	final PriorityPolicy policy = EngineFixture.policy(1);

	final PrioritySubject subject = new PrioritySubject(UUID.randomUUID(), EngineFixture.NOW.minusSeconds(5000), 250,
			EngineFixture.NOW.plusSeconds(600), EngineFixture.NOW.plusSeconds(3600), false, 5, List.of());

	final Instant now = EngineFixture.NOW;

	@Benchmark
	public long effectivePriority() {
		return PriorityCalculator.effectivePriority(policy, subject, now);
	}

	@Benchmark
	public Rank rank() {
		return PriorityCalculator.rank(policy, subject, now);
	}

	@Benchmark
	public PriorityExplanation explain() {
		return PriorityCalculator.explain(policy, subject, now);
	}

}
