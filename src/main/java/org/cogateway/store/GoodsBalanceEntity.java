package org.cogateway.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;

/** What one goods item of an inbound certificate certified, and how much declarations drew on it. */
@Entity
@Table(name = "goods_balance")
@IdClass(GoodsBalanceEntity.Key.class)
public class GoodsBalanceEntity {
    public record Key(Long certificateId, Integer itemNumber) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "certificate_id")
    private Long certificateId;
    @Id
    @Column(name = "item_number")
    private Integer itemNumber;
    private String unit;
    private BigDecimal certified;
    private BigDecimal drawn;

    protected GoodsBalanceEntity() {
    }

    public GoodsBalanceEntity(Long certificateId, int itemNumber, String unit, BigDecimal certified) {
        this.certificateId = certificateId;
        this.itemNumber = itemNumber;
        this.unit = unit;
        this.certified = certified;
        this.drawn = BigDecimal.ZERO;
    }

    long certificateId() { return certificateId; }
    public int itemNumber() { return itemNumber; }
    public String unit() { return unit; }
    public BigDecimal certified() { return certified; }
    public BigDecimal drawn() { return drawn; }

    public BigDecimal remaining() {
        return certified.subtract(drawn);
    }

    public void draw(BigDecimal quantity) {
        if (quantity.compareTo(remaining()) > 0) {
            throw new IllegalArgumentException("draw exceeds the remaining balance");
        }
        drawn = drawn.add(quantity);
    }

    /**
     * A draw the importing side has already accepted and reports: recorded as it is, even beyond
     * the certified quantity, because the issuing side must show what happened, not refuse it.
     */
    public void recordDrawElsewhere(BigDecimal quantity) {
        drawn = drawn.add(quantity);
    }
}
