package org.cogateway.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Comment;
import org.w3c.dom.Node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each invalid sample yields exactly the findings its leading comment lists, in that order. */
class InvalidSamplesTest {

    private static final Path INVALID = SampleCertificate.SAMPLES.resolve("invalid");
    private static final Pattern EXPECTED = Pattern.compile("^\\s*(SEVERE|WARNING|INFO) (\\S+) (\\S+)\\s*$", Pattern.MULTILINE);

    static Stream<Path> invalidSamples() throws IOException {
        return Files.list(INVALID).filter(file -> file.toString().endsWith(".xml")).sorted();
    }

    @Test
    void thereAreInvalidSamplesToCheck() throws IOException {
        assertThat(invalidSamples()).hasSizeGreaterThanOrEqualTo(4);
    }

    @ParameterizedTest
    @MethodSource("invalidSamples")
    void invalidSampleYieldsExactlyTheFindingsItsCommentLists(Path sample) throws IOException {
        List<String> expected = expectedFindings(sample);

        ValidationReport report = new CertificateValidator(SampleCertificate.CODE_LISTS, SampleCertificate.TODAY)
                .validate(Files.readAllBytes(sample), SampleCertificate.JP_TO_ID);

        assertThat(expected).as("findings listed in " + sample).isNotEmpty();
        assertThat(report.findings()).extracting(f -> f.severity() + " " + f.code() + " " + f.path())
                .containsExactlyElementsOf(expected);
        assertThat(report.acceptable()).isFalse();
    }

    private static List<String> expectedFindings(Path sample) {
        Node first = SampleCertificate.parse(sample).getFirstChild();
        assertThat(first).as(sample + " starts with a comment").isInstanceOf(Comment.class);
        Matcher line = EXPECTED.matcher(first.getTextContent());
        return line.results().map(match -> match.group(1) + " " + match.group(2) + " " + match.group(3)).toList();
    }
}
