/**
 * Priority math and the aging-aware ordering index, in plain Java (no Spring, no JPA, no clock: time is passed in).
 * <p>
 * {@link org.openwd.rules.priority.PriorityCalculator} computes where one task stands at a moment and explains why;
 * {@link org.openwd.rules.priority.AgingOrderIndex} answers "the best tasks now" over a large backlog without ever
 * rewriting a task as it ages. The semantics are documented in {@code docs/priority.md}.
 */
@org.springframework.modulith.NamedInterface("priority")
package org.openwd.rules.priority;
