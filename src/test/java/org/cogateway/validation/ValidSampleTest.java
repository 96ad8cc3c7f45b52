package org.cogateway.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ValidSampleTest {

    @Test
    void validJiepaSampleHasNoFindingAtAll() {
        ValidationReport report = SampleCertificate.valid().validate();

        assertThat(report.findings()).isEmpty();
        assertThat(report.acceptable()).isTrue();
    }
}
