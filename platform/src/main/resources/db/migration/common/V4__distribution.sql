-- Distribution: one row per employee that every offer or assignment locks, so capacity is checked and used atomically
-- even when several platform nodes decide at the same time.
CREATE TABLE owd_employee_claim (
    employee_id VARCHAR(100) NOT NULL,
    claims      BIGINT       NOT NULL,
    CONSTRAINT pk_owd_employee_claim PRIMARY KEY (employee_id)
);
