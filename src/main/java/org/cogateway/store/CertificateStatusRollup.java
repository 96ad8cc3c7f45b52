package org.cogateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.hibernate.event.spi.AbstractPreDatabaseOperationEvent;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Moves a certificate in the inbound roll-ups (V18, {@link StatisticsRollup}) when its status changes
 * (cancelled, replaced): its contribution is read before Hibernate writes the new status and again
 * after, in the same transaction. A listener rather than a call where each status is set, so that a
 * new writer cannot forget it.
 */
final class CertificateStatusRollup implements PreUpdateEventListener, PostUpdateEventListener {
    // from the update's start to its end; weak, so an update that failed in between leaves nothing behind
    private final Map<CertificateEntity, StatisticsRollup.Change> changing =
            Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public boolean onPreUpdate(PreUpdateEvent event) {
        if (event.getEntity() instanceof CertificateEntity certificate
                && certificate.direction() == CertificateEntity.Direction.INBOUND && statusChanges(event)) {
            try {
                changing.put(certificate, StatisticsRollup.before(connection(event), certificate.id(), null));
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the certificate's statistics before its change", e);
            }
        }
        return false;
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        if (!(event.getEntity() instanceof CertificateEntity certificate)) {
            return;
        }
        StatisticsRollup.Change change = changing.remove(certificate);
        if (change == null) {
            return;
        }
        try {
            // the new status must be in the database before it is read back (updates may be batched)
            event.getSession().getJdbcCoordinator().executeBatch();
            change.after();
        } catch (SQLException e) {
            throw new IllegalStateException("could not keep the certificate's statistics", e);
        }
    }

    private static boolean statusChanges(PreUpdateEvent event) {
        int status = Arrays.asList(event.getPersister().getPropertyNames()).indexOf("status");
        Object[] old = event.getOldState();
        return old == null || status < 0 || !java.util.Objects.equals(old[status], event.getState()[status]);
    }

    private static Connection connection(AbstractPreDatabaseOperationEvent event) {
        return event.getSession().getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }
}
