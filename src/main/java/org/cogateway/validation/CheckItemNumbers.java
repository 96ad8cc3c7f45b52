package org.cogateway.validation;

import org.w3c.dom.Element;

import java.util.HashSet;
import java.util.Set;

/** DUPLICATE_ITEM_NUMBER: utilisation and verification requests name a goods item by its number. */
final class CheckItemNumbers implements CertificateRule {

    @Override
    public void check(CertificateView certificate, ValidationContext context, FindingCollector findings) {
        Set<String> seen = new HashSet<>();
        for (Element itemNumber : certificate.all("GoodsItem", "ItemNumber")) {
            String number = canonical(CertificateView.text(itemNumber));
            if (!seen.add(number)) {
                findings.severe("DUPLICATE_ITEM_NUMBER", itemNumber,
                        "ItemNumber " + number + " is used by more than one GoodsItem");
            }
        }
    }

    /** "01" and "1" are the same xs:int; anything unparsable is compared as written (the schema reports it). */
    private static String canonical(String number) {
        try {
            return Integer.toString(Integer.parseInt(number));
        } catch (NumberFormatException e) {
            return number;
        }
    }
}
