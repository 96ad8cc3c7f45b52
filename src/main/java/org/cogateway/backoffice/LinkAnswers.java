package org.cogateway.backoffice;

import java.time.Clock;
import java.time.Instant;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import org.cogateway.contract.backoffice.LinkConditionType;
import org.cogateway.contract.backoffice.LinkStateType;
import org.cogateway.document.Dates;
import org.cogateway.partner.LinkState;
import org.cogateway.partner.Partner;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.store.PartnerLinks;

/** The link state QueryCertificate adds to NOT_FOUND: the partner for the issuing country, judged now. */
final class LinkAnswers {
    private static final DatatypeFactory XML_DURATIONS;

    static {
        try {
            XML_DURATIONS = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PartnerDirectory partners;
    private final PartnerLinks links;
    private final Clock clock;

    LinkAnswers(PartnerDirectory partners, PartnerLinks links, Clock clock) {
        this.partners = partners;
        this.links = links;
        this.clock = clock;
    }

    LinkStateType forCountry(String issuingCountry) {
        LinkStateType x = new LinkStateType();
        x.setIssuingCountry(issuingCountry);
        Partner partner = partners.byCountry(issuingCountry).orElse(null);
        if (partner == null) {
            x.setCondition(LinkConditionType.NO_PARTNER);
            x.setHealthy(false);
            return x;
        }
        PartnerLinks.Facts f = links.facts(partner.id());
        LinkState state = LinkState.judge(partner, f.lastReceivedAt(), f.lastSuccessAt(), f.lastFailureAt(),
                f.lastFailureReason(), clock.instant());
        x.setPartner(partner.id());
        x.setCondition(LinkConditionType.valueOf(state.condition().name()));
        x.setHealthy(state.healthy());
        x.setQuietAfter(XML_DURATIONS.newDuration(partner.quietAfter().toMillis()));
        x.setLastReceivedAt(xml(state.lastReceivedAt()));
        x.setLastSuccessAt(xml(state.lastSuccessAt()));
        x.setLastFailureAt(xml(state.lastFailureAt()));
        x.setLastFailure(state.lastFailure());
        return x;
    }

    private static javax.xml.datatype.XMLGregorianCalendar xml(Instant at) {
        return at == null ? null : Dates.xml(at);
    }
}
