package org.cogateway.validation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses agreements.properties ({@code CODE.field = value}) line by line rather than with java.util.Properties,
 * so that a mistake is reported with its line number and a country that is not in countries.txt is refused.
 */
final class AgreementsFile {

    private static final Pattern ENTRY = Pattern.compile("([A-Z][A-Z0-9\\-]{1,15})\\.(name|members|criteria)\\s*=\\s*(\\S.*)");
    private static final Pattern CRITERION = Pattern.compile("[A-Z][A-Z0-9%\\-]{0,11}");

    private final Set<String> countries;
    private final Map<String, Map<String, String>> fieldsByCode = new LinkedHashMap<>();
    private final Map<String, CodeListLine> firstLineByCode = new HashMap<>();

    private AgreementsFile(Set<String> countries) {
        this.countries = countries;
    }

    /** @param countries the known countries, which every member must be one of */
    static Map<String, Agreement> parse(List<CodeListLine> lines, Set<String> countries) {
        AgreementsFile file = new AgreementsFile(countries);
        lines.forEach(file::add);
        return file.agreements();
    }

    private void add(CodeListLine line) {
        Matcher entry = ENTRY.matcher(line.content());
        if (!entry.matches()) {
            throw line.malformed("expected CODE.name, CODE.members or CODE.criteria = value");
        }
        String code = entry.group(1);
        String field = entry.group(2);
        String value = entry.group(3).strip();
        firstLineByCode.putIfAbsent(code, line);
        if ("members".equals(field)) {
            words(value).stream().filter(member -> !countries.contains(member)).findFirst().ifPresent(member -> {
                throw line.malformed("member " + member + " is not in countries.txt");
            });
        }
        if ("criteria".equals(field)) {
            words(value).stream().filter(criterion -> !CRITERION.matcher(criterion).matches()).findFirst()
                    .ifPresent(criterion -> {
                        throw line.malformed("origin criterion " + criterion + " is not a valid code");
                    });
        }
        if (fieldsByCode.computeIfAbsent(code, c -> new HashMap<>()).put(field, value) != null) {
            throw line.malformed(code + "." + field + " is given twice");
        }
    }

    private Map<String, Agreement> agreements() {
        Map<String, Agreement> agreements = new LinkedHashMap<>();
        fieldsByCode.forEach((code, fields) -> {
            for (String required : List.of("name", "members", "criteria")) {
                if (!fields.containsKey(required)) {
                    throw firstLineByCode.get(code).malformed("agreement " + code + " has no " + code + "." + required);
                }
            }
            agreements.put(code, new Agreement(code, fields.get("name"),
                    words(fields.get("members")), words(fields.get("criteria"))));
        });
        return agreements;
    }

    private static Set<String> words(String value) {
        return new LinkedHashSet<>(Arrays.asList(value.split("\\s+")));
    }
}
