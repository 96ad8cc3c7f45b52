package org.cogateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Keeps {@code goods_item.drawn} (V17) equal to {@code goods_balance.drawn}: whenever Hibernate
 * writes a changed balance, the same value is written to the goods item on the same connection, so in
 * the same transaction. A listener rather than a call in each place that draws on a balance
 * (utilisation received, declared by Customs, ...), so that a new writer cannot forget it; the
 * statistics then sum balances from goods_item alone. The inbound roll-ups (V18, StatisticsRollup)
 * follow the item here too, for the same reason.
 */
final class GoodsItemBalances implements PostUpdateEventListener {

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        if (!(event.getEntity() instanceof GoodsBalanceEntity b)) {
            return;
        }
        // plain JDBC: a Hibernate query here would flush again in the middle of this flush
        Connection c = event.getSession().getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
        try (PreparedStatement s = c.prepareStatement("UPDATE goods_item SET certified = ?, drawn = ?"
                + " WHERE certificate_id = ? AND item_number = ?")) {
            // the item's part in the roll-ups (V18) moves with it
            StatisticsRollup.Change change = StatisticsRollup.before(c, b.certificateId(), b.itemNumber());
            s.setBigDecimal(1, b.certified());
            s.setBigDecimal(2, b.drawn());
            s.setLong(3, b.certificateId());
            s.setInt(4, b.itemNumber());
            s.executeUpdate();
            change.after();
        } catch (SQLException e) {
            throw new IllegalStateException("could not keep the goods item's balance for the statistics", e);
        }
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }
}
