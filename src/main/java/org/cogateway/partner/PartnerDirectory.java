package org.cogateway.partner;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The configured partners, looked up by local id, by country or by ebMS PartyId. */
public final class PartnerDirectory {
    private final List<Partner> partners;
    private final Map<String, Partner> byId;
    private final Map<String, Partner> byCountry;
    private final Map<String, Partner> byPartyId;

    public PartnerDirectory(Collection<Partner> partners) {
        this.partners = List.copyOf(partners);
        this.byId = index(Partner::id, "id");
        this.byCountry = index(Partner::country, "country");
        this.byPartyId = index(Partner::partyId, "party id");
    }

    private Map<String, Partner> index(Function<Partner, String> key, String what) {
        return partners.stream().collect(Collectors.toUnmodifiableMap(key, p -> p, (a, b) -> {
            throw new IllegalArgumentException("two partners share the " + what + " " + key.apply(a)
                    + ": " + a.id() + " and " + b.id());
        }));
    }

    public List<Partner> all() {
        return partners;
    }

    public Optional<Partner> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Partner> byCountry(String country) {
        return Optional.ofNullable(byCountry.get(country));
    }

    public Optional<Partner> byPartyId(String partyId) {
        return Optional.ofNullable(byPartyId.get(partyId));
    }
}
