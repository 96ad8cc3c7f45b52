package org.cogateway.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The code lists a certificate is checked against, read once from versioned data files (countries.txt,
 * currencies.txt, units.txt, agreements.properties) so that operators can update them without a new build.
 * Immutable, hence safe to share between threads.
 */
public final class CodeLists {

    static final String COUNTRIES = "countries.txt";
    static final String CURRENCIES = "currencies.txt";
    static final String UNITS = "units.txt";
    static final String AGREEMENTS = "agreements.properties";

    private static final String CLASSPATH_DIRECTORY = "codelists/";

    private final Set<String> countries;
    private final Set<String> currencies;
    private final Set<String> units;
    private final Map<String, Agreement> agreements;

    private CodeLists(Set<String> countries, Set<String> currencies, Set<String> units, Map<String, Agreement> agreements) {
        this.countries = countries;
        this.currencies = currencies;
        this.units = units;
        this.agreements = agreements;
    }

    /** The lists shipped with the gateway, from the classpath directory codelists/. */
    public static CodeLists loadDefault() {
        return load(CLASSPATH_DIRECTORY, name -> {
            InputStream in = CodeLists.class.getClassLoader().getResourceAsStream(CLASSPATH_DIRECTORY + name);
            if (in == null) {
                throw new IOException("not on the classpath");
            }
            return in;
        });
    }

    /** Lists an operator keeps outside the jar, in a directory holding the four files. */
    public static CodeLists fromDirectory(Path directory) {
        return load(directory + "/", name -> Files.newInputStream(directory.resolve(name)));
    }

    public boolean isCountry(String code) {
        return countries.contains(code);
    }

    public boolean isCurrency(String code) {
        return currencies.contains(code);
    }

    public boolean isUnit(String code) {
        return units.contains(code);
    }

    public Optional<Agreement> agreement(String code) {
        return Optional.ofNullable(agreements.get(code));
    }

    private interface Opener {
        InputStream open(String fileName) throws IOException;
    }

    private static CodeLists load(String location, Opener opener) {
        Set<String> countries = codes(location, COUNTRIES, opener, Pattern.compile("[A-Z]{2}"));
        Set<String> currencies = codes(location, CURRENCIES, opener, Pattern.compile("[A-Z]{3}"));
        Set<String> units = codes(location, UNITS, opener, Pattern.compile("[0-9A-Z]{2,3}"));
        Map<String, Agreement> agreements = AgreementsFile.parse(lines(location, AGREEMENTS, opener), countries);
        return new CodeLists(countries, currencies, units, Map.copyOf(agreements));
    }

    private static Set<String> codes(String location, String name, Opener opener, Pattern shape) {
        Set<String> codes = new HashSet<>();
        for (CodeListLine line : lines(location, name, opener)) {
            if (!shape.matcher(line.content()).matches()) {
                throw line.malformed("expected one code matching " + shape.pattern());
            }
            if (!codes.add(line.content())) {
                throw line.malformed("code listed twice");
            }
        }
        return Set.copyOf(codes);
    }

    private static List<CodeListLine> lines(String location, String name, Opener opener) {
        String file = location + name;
        try {
            return CodeListLine.read(file, opener.open(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open code list " + file, e);
        }
    }
}
