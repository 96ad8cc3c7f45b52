package org.cogateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/conformance.md names the test that shows each requirement as {@code package.Class#method}
 * under org.cogateway: every name must be a JUnit test that exists, and every requirement or
 * assertion row must name a test or say why it has none (not applicable, not supported, not
 * tested), so that the matrix cannot drift from the suite.
 */
class ConformanceMatrixTest {
    private static final Path MATRIX = Path.of("docs", "conformance.md");
    private static final Pattern TEST_NAME = Pattern.compile("`([a-z][a-z0-9.]*\\.)?([A-Z]\\w*)#(\\w+)`");
    private static final Pattern REQUIREMENT_ROW = Pattern.compile("^\\| ([A-Z]\\d+|AS4_TA\\d+.*?) \\|.*");

    @Test
    void everyTestTheMatrixNamesExists() throws IOException {
        List<String> missing = new ArrayList<>();
        int named = 0;
        Matcher m = TEST_NAME.matcher(Files.readString(MATRIX));
        while (m.find()) {
            named++;
            String className = "org.cogateway." + (m.group(1) == null ? "" : m.group(1)) + m.group(2);
            if (!isTest(className, m.group(3))) {
                missing.add(m.group());
            }
        }
        assertThat(named).as("test names in %s", MATRIX).isGreaterThan(0);
        assertThat(missing).as("named in %s but not a test", MATRIX).isEmpty();
    }

    @Test
    void everyRequirementNamesATestOrSaysWhyNot() throws IOException {
        List<String> bare = new ArrayList<>();
        int rows = 0;
        for (String line : Files.readAllLines(MATRIX)) {
            if (REQUIREMENT_ROW.matcher(line).matches()) {
                rows++;
                boolean explained = line.contains("not applicable") || line.contains("not supported")
                        || line.contains("not tested");
                if (!TEST_NAME.matcher(line).find() && !explained) {
                    bare.add(line);
                }
            }
        }
        assertThat(rows).as("requirement rows in %s", MATRIX).isGreaterThan(0);
        assertThat(bare).as("rows with neither a test nor a reason").isEmpty();
    }

    private static boolean isTest(String className, String methodName) {
        try {
            Class<?> type = Class.forName(className);
            return Arrays.stream(type.getDeclaredMethods())
                    .filter(method -> method.getName().equals(methodName))
                    .anyMatch(ConformanceMatrixTest::isJUnitTest);
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static boolean isJUnitTest(Method method) {
        return method.isAnnotationPresent(Test.class);
    }
}
