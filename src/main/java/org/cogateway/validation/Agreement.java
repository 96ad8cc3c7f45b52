package org.cogateway.validation;

import java.util.Set;

/** A trade agreement as the code list describes it: who its parties are and which origin criteria its form accepts. */
public record Agreement(String code, String name, Set<String> members, Set<String> originCriteria) {

    public Agreement {
        members = Set.copyOf(members);
        originCriteria = Set.copyOf(originCriteria);
    }

    public boolean hasMember(String country) {
        return members.contains(country);
    }

    public boolean acceptsCriterion(String criterion) {
        return originCriteria.contains(criterion);
    }
}
