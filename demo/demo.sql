-- The demo's tables in streaming_etl_db, with a few rows; safe to load again.
CREATE TABLE IF NOT EXISTS customers (id INT PRIMARY KEY, name VARCHAR(100), country CHAR(2));
CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY, customer_id INT, amount DECIMAL(12,2), created_at DATETIME(6));
INSERT IGNORE INTO customers VALUES (1, 'Ada Lovelace', 'GB'), (2, 'Grace Hopper', 'US'), (3, 'Linus Torvalds', 'FI'),
  (4, 'Margaret Hamilton', 'US'), (5, 'Tim Berners-Lee', 'GB');
INSERT IGNORE INTO orders VALUES (1, 1, 120.00, '2026-01-05 09:30:00.000000'), (2, 2, 35.50, '2026-01-06 14:02:11.250000'),
  (3, 2, 999.99, '2026-01-07 08:00:00.000001'), (4, 3, 12.00, '2026-01-08 17:45:30.500000'),
  (5, 6, 48.20, '2026-01-09 11:11:11.111111');
