package org.openwd.task;

/**
 * How many tasks of one routing profile and department were completed in a period, and how many of them by their
 * due time (a task without a due time counts as on time). The raw material of "service level today".
 *
 * @param routingProfile the tasks' routing profile, {@code null} for unclassified work
 * @param department the tasks' department, {@code null} when none was set
 * @param completed tasks completed in the period
 * @param withinDue of those, the ones completed at or before their due time
 */
public record CompletionCount(String routingProfile, String department, long completed, long withinDue) {
}
