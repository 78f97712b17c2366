package org.openwd.bench.jmh;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.openwd.bench.engine.EngineFixture;

/**
 * Cost of one matching decision against the in-memory engine (W4): the best task for a ready employee, and the best
 * employee for a queued task, versus backlog size, employees and skills. Decisions do not change the engine, so every
 * invocation sees the same backlog.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xmx6g", "-XX:+UseParallelGC" })
public class EngineBenchmark {

	@Param({ "1000", "10000", "100000", "1000000", "3000000" })
	public int backlog;

	@Param({ "2000" })
	public int employees;

	@Param({ "200" })
	public int skills;

	EngineFixture fixture;

	int next;

	@Setup(Level.Trial)
	public void build() {
		fixture = EngineFixture.build(backlog, employees, skills, 42);
	}

	@Benchmark
	public Optional<UUID> bestTaskForAnEmployee() {
		String employee = fixture.employeeIds.get(next++ % fixture.employeeIds.size());
		return fixture.engine.bestTaskFor(employee, EngineFixture.NOW);
	}

	@Benchmark
	public Optional<String> bestEmployeeForATask() {
		UUID task = fixture.taskIds.get(next++ % fixture.taskIds.size());
		return fixture.engine.bestEmployeeFor(task, EngineFixture.NOW);
	}

}
