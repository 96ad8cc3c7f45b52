package org.cogateway.validation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.document.SampleCertificate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CO validation as the receiving gateway runs it on every certificate: secure parse, schema, and
 * every business rule, with the default code lists. The lookup of replaced certificates answers
 * "not found" without a database (its SQL is not what this measures).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class CoValidationBenchmark {
    @Param({"3", "30", "200"})
    public int items;

    private CertificateValidator validator;
    private ValidationContext context;
    private byte[] xml;

    @Setup(Level.Trial)
    public void setUp() {
        validator = new CertificateValidator(CodeLists.loadDefault(), Clock.systemUTC());
        context = new ValidationContext(Set.of("JP"), Set.of("ID"), (country, number, version) -> false, "JP");
        CertificateDocuments documents = new CertificateDocuments();
        xml = documents.certificateToXml(SampleCertificate.withItems(documents, items)).getBytes(StandardCharsets.UTF_8);
        ValidationReport report = validator.validate(xml, context);
        if (report.findings().stream().anyMatch(f -> f.severity() == Severity.SEVERE)) {
            throw new IllegalStateException("the benchmark's CO is not valid: " + report.findings());
        }
    }

    @Benchmark
    public ValidationReport validate() {
        return validator.validate(xml, context);
    }
}
