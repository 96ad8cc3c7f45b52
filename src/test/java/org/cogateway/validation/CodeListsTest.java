package org.cogateway.validation;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeListsTest {

    private final CodeLists codeLists = SampleCertificate.CODE_LISTS;

    @TempDir
    Path directory;

    /** An operator's copy of the shipped lists, which a test then breaks. */
    @BeforeEach
    void copyShippedLists() throws IOException {
        for (String file : new String[] {CodeLists.COUNTRIES, CodeLists.CURRENCIES, CodeLists.UNITS, CodeLists.AGREEMENTS}) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("codelists/" + file)) {
                Files.copy(in, directory.resolve(file));
            }
        }
    }

    @Test
    void countriesAreTheOfficiallyAssignedCodes() {
        assertThat(codeLists.isCountry("JP")).isTrue();
        assertThat(codeLists.isCountry("ID")).isTrue();
        assertThat(codeLists.isCountry("SS")).isTrue();
        assertThat(codeLists.isCountry("AX")).isTrue();
        assertThat(codeLists.isCountry("UK")).as("reserved, not assigned").isFalse();
        assertThat(codeLists.isCountry("EU")).as("exceptionally reserved").isFalse();
        assertThat(codeLists.isCountry("XK")).as("user-assigned").isFalse();
        assertThat(codeLists.isCountry("jp")).isFalse();
    }

    @Test
    void shippedCountryListHasAll249Codes() throws IOException {
        assertThat(Files.readAllLines(directory.resolve(CodeLists.COUNTRIES)))
                .filteredOn(line -> line.matches("[A-Z]{2}\\b.*")).hasSize(249);
    }

    @Test
    void currenciesAreActiveCodesFitForPricingGoods() {
        assertThat(codeLists.isCurrency("JPY")).isTrue();
        assertThat(codeLists.isCurrency("IDR")).isTrue();
        assertThat(codeLists.isCurrency("USD")).isTrue();
        assertThat(codeLists.isCurrency("XCG")).isTrue();
        assertThat(codeLists.isCurrency("HRK")).as("withdrawn").isFalse();
        assertThat(codeLists.isCurrency("XXX")).as("no currency").isFalse();
        assertThat(codeLists.isCurrency("XAU")).as("gold").isFalse();
    }

    @Test
    void unitsAreRecommendation20Codes() {
        assertThat(codeLists.isUnit("KGM")).isTrue();
        assertThat(codeLists.isUnit("C62")).isTrue();
        assertThat(codeLists.isUnit("H87")).isTrue();
        assertThat(codeLists.isUnit("4H")).isTrue();
        assertThat(codeLists.isUnit("KGS")).as("a common mistake for KGM").isFalse();
        assertThat(codeLists.isUnit("PCE")).as("deleted from Rec 20").isFalse();
    }

    @Test
    void agreementsKnowTheirPartiesAndCriteria() {
        assertThat(codeLists.agreement("JIEPA")).hasValueSatisfying(jiepa -> {
            assertThat(jiepa.members()).containsExactlyInAnyOrder("JP", "ID");
            assertThat(jiepa.originCriteria()).contains("WO", "PE", "PSR").doesNotContain("RVC");
        });
        assertThat(codeLists.agreement("ATIGA")).hasValueSatisfying(atiga -> assertThat(atiga.members())
                .containsExactlyInAnyOrder("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"));
        assertThat(codeLists.agreement("RCEP")).hasValueSatisfying(rcep -> {
            assertThat(rcep.members()).hasSize(15).contains("AU", "CN", "JP", "KR", "NZ", "VN");
            assertThat(rcep.originCriteria()).containsExactlyInAnyOrder("WO", "PE", "CTC", "RVC", "SP");
        });
        assertThat(codeLists.agreement("AJCEP")).hasValueSatisfying(ajcep -> assertThat(ajcep.members()).hasSize(11));
        assertThat(codeLists.agreement("JTEPA")).isPresent();
        assertThat(codeLists.agreement("IJEPA")).isEmpty();
    }

    @Test
    void operatorCopyInADirectoryLoadsLikeTheShippedLists() {
        CodeLists fromDirectory = CodeLists.fromDirectory(directory);

        assertThat(fromDirectory.isCountry("ID")).isTrue();
        assertThat(fromDirectory.agreement("JIEPA")).isEqualTo(codeLists.agreement("JIEPA"));
    }

    @Test
    void malformedCodeIsRefusedNamingFileAndLine() throws IOException {
        Path countries = directory.resolve(CodeLists.COUNTRIES);
        int lines = Files.readAllLines(countries).size();
        Files.writeString(countries, "Japan\n", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> CodeLists.fromDirectory(directory))
                .isInstanceOf(MalformedCodeListException.class)
                .hasMessageContaining(CodeLists.COUNTRIES + ":" + (lines + 1) + ":")
                .hasMessageContaining("Japan");
    }

    @Test
    void codeListedTwiceIsRefused() throws IOException {
        Files.writeString(directory.resolve(CodeLists.UNITS), "KGM  # again\n", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> CodeLists.fromDirectory(directory))
                .isInstanceOf(MalformedCodeListException.class)
                .hasMessageContaining(CodeLists.UNITS).hasMessageContaining("twice");
    }

    @Test
    void agreementMemberThatIsNoCountryIsRefused() throws IOException {
        Files.writeString(directory.resolve(CodeLists.AGREEMENTS), "\nEUJEPA.members = JP EU\n", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> CodeLists.fromDirectory(directory))
                .isInstanceOf(MalformedCodeListException.class)
                .hasMessageContaining(CodeLists.AGREEMENTS + ":").hasMessageContaining("member EU");
    }

    @Test
    void agreementWithoutCriteriaIsRefused() throws IOException {
        Files.writeString(directory.resolve(CodeLists.AGREEMENTS),
                "\nJMEPA.name = Japan-Malaysia EPA\nJMEPA.members = JP MY\n", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> CodeLists.fromDirectory(directory))
                .isInstanceOf(MalformedCodeListException.class).hasMessageContaining("JMEPA.criteria");
    }

    @Test
    void agreementLineWithoutKeyIsRefused() throws IOException {
        Files.writeString(directory.resolve(CodeLists.AGREEMENTS), "\nJIEPA: JP ID\n", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> CodeLists.fromDirectory(directory))
                .isInstanceOf(MalformedCodeListException.class).hasMessageContaining("JIEPA: JP ID");
    }
}
