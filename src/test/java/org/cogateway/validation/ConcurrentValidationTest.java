package org.cogateway.validation;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** One validator instance serves every request thread: results must not leak between concurrent calls. */
class ConcurrentValidationTest {

    @Test
    void sharedValidatorGivesEachCallItsOwnFindings() throws Exception {
        CertificateValidator validator = new CertificateValidator(SampleCertificate.CODE_LISTS, SampleCertificate.TODAY);
        byte[] valid = Files.readAllBytes(SampleCertificate.VALID);
        byte[] invalid = Files.readAllBytes(Path.of("samples/certificates/invalid/several-problems.xml"));
        List<Finding> invalidFindings = validator.validate(invalid, SampleCertificate.JP_TO_ID).findings();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Finding>>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                byte[] xml = i % 2 == 0 ? valid : invalid;
                results.add(pool.submit(() -> validator.validate(xml, SampleCertificate.JP_TO_ID).findings()));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? List.of() : invalidFindings);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(invalidFindings).hasSize(8);
    }
}
