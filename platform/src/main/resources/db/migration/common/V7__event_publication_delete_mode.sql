-- Publications are deleted once their listener has run (spring.modulith.events.completion-mode=delete); the rows an
-- older version kept as completed go now.
DELETE FROM EVENT_PUBLICATION WHERE COMPLETION_DATE IS NOT NULL;
