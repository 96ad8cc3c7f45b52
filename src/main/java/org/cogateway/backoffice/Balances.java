package org.cogateway.backoffice;

import java.util.List;
import org.cogateway.contract.co.QuantityType;
import org.cogateway.contract.exchange.BalanceType;
import org.cogateway.contract.exchange.QuantityOrZeroType;
import org.cogateway.store.GoodsBalanceEntity;

/** The per-item balance as the contract shows it: certified, drawn, remaining, in the item's unit. */
final class Balances {
    private Balances() {
    }

    static List<BalanceType> of(List<GoodsBalanceEntity> rows) {
        return rows.stream().map(Balances::of).toList();
    }

    private static BalanceType of(GoodsBalanceEntity b) {
        BalanceType x = new BalanceType();
        x.setItemNumber(b.itemNumber());
        QuantityType certified = new QuantityType();
        certified.setValue(b.certified().stripTrailingZeros());
        certified.setUnit(b.unit());
        x.setCertified(certified);
        x.setDrawn(quantity(b.drawn(), b.unit()));
        x.setRemaining(quantity(b.remaining(), b.unit()));
        return x;
    }

    private static QuantityOrZeroType quantity(java.math.BigDecimal value, String unit) {
        QuantityOrZeroType q = new QuantityOrZeroType();
        q.setValue(value.signum() == 0 ? java.math.BigDecimal.ZERO : value.stripTrailingZeros());
        q.setUnit(unit);
        return q;
    }
}
