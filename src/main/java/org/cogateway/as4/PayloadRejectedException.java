package org.cogateway.as4;

import java.util.List;

/** The business payload was refused by the receiving side; answered with EBMS:0004 naming the findings. */
public class PayloadRejectedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> findings;

    public PayloadRejectedException(List<String> findings) {
        super(String.join("; ", findings));
        this.findings = List.copyOf(findings);
    }

    public List<String> findings() {
        return findings;
    }
}
