-- Spring Modulith 1.4 completes a publication by its id. The index over (LISTENER_ID, SERIALIZED_EVENT) only served
-- the old lookup by the serialized event, and keeping 4,000-character keys sorted cost more than the inserts
-- themselves on H2. MariaDB never had it.
DROP INDEX IF EXISTS EVENT_PUBLICATION_BY_LISTENER_ID_AND_SERIALIZED_EVENT_IDX;
