-- co-gateway schema, version 17: GetStatistics at a year's size (1,000,000 certificates, 10,000,000
-- goods items) without reading every goods item twice (BENCHMARKS.md, Statistics). Runs on MariaDB and
-- on H2 (MariaDB mode).

-- The month of issue on the certificate too, so that figures of certificates (counts,
-- acknowledgements, cancellations, times) grouped by certificate facts are read from the million
-- certificate rows instead of the ten million goods items. Set only for certificates with goods_item
-- rows (those stored from V16 on), which is also what says a certificate is in the statistics.
ALTER TABLE certificate ADD COLUMN issue_month CHAR(7);
UPDATE certificate SET issue_month = (SELECT MIN(g.issue_month) FROM goods_item g WHERE g.certificate_id = certificate.id);
-- each caller's scope first, then the issue date (the usual range filter), as on goods_item
CREATE INDEX ix_certificate_stats_customs ON certificate (direction, import_country, issue_date);
CREATE INDEX ix_certificate_stats_owner ON certificate (direction, owner, issue_date);

-- The balance of the item on goods_item too (kept equal to goods_balance in the same transaction by
-- store/GoodsItemBalances), so that the goods-item figures need no join to goods_balance.
ALTER TABLE goods_item ADD COLUMN certified DECIMAL(24, 6);
ALTER TABLE goods_item ADD COLUMN drawn DECIMAL(24, 6);
UPDATE goods_item SET
    certified = (SELECT b.certified FROM goods_balance b
                 WHERE b.certificate_id = goods_item.certificate_id AND b.item_number = goods_item.item_number),
    drawn = (SELECT b.drawn FROM goods_balance b
             WHERE b.certificate_id = goods_item.certificate_id AND b.item_number = goods_item.item_number);
