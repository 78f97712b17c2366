-- Nonces of accepted webhook calls: a second call with the same nonce within the replay window is refused.
CREATE TABLE owd_connector_webhook_nonce (
    connector   VARCHAR(100) NOT NULL,
    nonce       VARCHAR(200) NOT NULL,
    received_at DATETIME(6)  NOT NULL,
    CONSTRAINT pk_owd_connector_webhook_nonce PRIMARY KEY (connector, nonce)
);

CREATE INDEX ix_owd_connector_webhook_nonce_received ON owd_connector_webhook_nonce (received_at);
