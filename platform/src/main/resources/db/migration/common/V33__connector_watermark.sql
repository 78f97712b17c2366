-- How far each polling connector has read its legacy table (watermark value and tie-break key, as typed text).
CREATE TABLE owd_connector_watermark (
    connector  VARCHAR(100) NOT NULL,
    watermark  VARCHAR(500) NOT NULL,
    row_key    VARCHAR(500) NOT NULL,
    updated_at DATETIME(6)  NOT NULL,
    CONSTRAINT pk_owd_connector_watermark PRIMARY KEY (connector)
);
