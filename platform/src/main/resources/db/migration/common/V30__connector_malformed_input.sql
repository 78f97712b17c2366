-- Input a connector could not map (a bad message, row, file line or request), kept for operators.
CREATE TABLE owd_connector_malformed (
    id            VARCHAR(36)   NOT NULL,
    connector     VARCHAR(100)  NOT NULL,
    source_system VARCHAR(100)  NOT NULL,
    location      VARCHAR(500)  NOT NULL,
    reason        VARCHAR(1000) NOT NULL,
    raw_excerpt   TEXT,
    reported_at   DATETIME(6)   NOT NULL,
    CONSTRAINT pk_owd_connector_malformed PRIMARY KEY (id)
);

CREATE INDEX ix_owd_connector_malformed_connector ON owd_connector_malformed (connector, reported_at);
