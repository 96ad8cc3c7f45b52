package org.cogateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cogateway.Gateway;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.testing.AdminHttp;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestClock;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The admin JSON API of a real JP gateway delivering to a real ID gateway over HTTP: one certificate
 * FAILED (ID was down and JP tries once), two DELIVERED. Logged in as an admin and a viewer from the
 * database, through real sessions, CSRF tokens and API tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiTest {
    static final String ADMIN = "ops-admin";
    static final String ADMIN_PASSWORD = "admin-password-1";
    static final String VIEWER = "ops-viewer";
    static final String VIEWER_PASSWORD = "viewer-password-1";

    private TestGateways.Pair pair;
    private Gateway jp;
    private String failed;
    private String delivered1;
    private String delivered2;
    private Instant beforeAll;

    @BeforeAll
    void exchange() throws Exception {
        pair = TestGateways.pair(false, Map.of("partner.ID.retry.maxAttempts", "1", "partner.ID.connectTimeout", "1s"),
                Map.of(), TestClock.runningFrom(Instant.now())).startJp();
        jp = pair.jp();
        AdminUsers users = new AdminUsers(jp.database().dataSource(), Clock.systemUTC());
        users.add(ADMIN, AdminRole.ADMIN, ADMIN_PASSWORD.toCharArray());
        users.add(VIEWER, AdminRole.VIEWER, VIEWER_PASSWORD.toCharArray());
        beforeAll = Instant.now().minusSeconds(1);
        CertificateOfOriginPortType chamber = BackOfficeClient.as(jp, TestGateways.CHAMBER, TestGateways.CHAMBER_PASSWORD);
        AdminHttp admin = AdminHttp.loggedIn(jp, ADMIN, ADMIN_PASSWORD);

        failed = submit(chamber, "ADM-FAIL-1");
        awaitState(admin, failed, "FAILED");
        pair.startId();
        delivered1 = submit(chamber, "ADM-OK-1");
        awaitState(admin, delivered1, "DELIVERED");
        delivered2 = submit(chamber, "ADM-OK-2");
        awaitState(admin, delivered2, "DELIVERED");
    }

    @AfterAll
    void stop() {
        pair.close();
    }

    /** The sample certificate as {@code number}, with invoices of its own ({@link Certificates#invoiceA}, B). */
    private static String submit(CertificateOfOriginPortType chamber, String number) throws Exception {
        var co = Certificates.outbound(number);
        var a = co.getInvoice().get(0);
        var b = co.getInvoice().get(1);
        co.getGoodsItem().forEach(item -> item.setInvoiceReference(item.getInvoiceReference().equals(a.getNumber())
                ? Certificates.invoiceA(number) : Certificates.invoiceB(number)));
        a.setNumber(Certificates.invoiceA(number));
        b.setNumber(Certificates.invoiceB(number));
        return chamber.submitCertificate(Requests.submit(co)).getReceipt().getTrackingId();
    }

    static JsonNode awaitState(AdminHttp client, String trackingId, String state) {
        return await().alias(trackingId + " " + state).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.get("/api/v1/transmissions/" + trackingId).json(),
                        r -> state.equals(r.path("transmission").path("state").asText()));
    }

    private List<String> ids(AdminHttp client, String query) {
        AdminHttp.Response r = client.get("/api/v1/transmissions" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().get("items").forEach(i -> ids.add(i.get("trackingId").asText()));
        return ids;
    }

    @Test
    void withoutLoginOnlyHealthAnswers() {
        AdminHttp anonymous = AdminHttp.anonymous(jp);
        for (String path : List.of("/api/v1/transmissions", "/api/v1/inbound", "/api/v1/partners", "/api/v1/audit",
                "/api/v1/certificates", "/api/v1/cos/ADM-OK-1/timeline", "/metrics",
                "/api/v1/transmissions/" + delivered1 + "/attempts/1/sent")) {
            AdminHttp.Response r = anonymous.get(path);
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
        }
        assertThat(anonymous.postWithoutCsrf("/api/v1/transmissions/" + failed + "/resend", Map.of()).status())
                .isEqualTo(401);
        assertThat(anonymous.get("/health/live").status()).isEqualTo(200);
        AdminHttp.Response ready = anonymous.get("/health/ready");
        assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void aWrongPasswordIsRefusedAuditedAndTheNextTryMustWait() {
        new AdminUsers(jp.database().dataSource(), Clock.systemUTC()).add("careless", AdminRole.VIEWER,
                "careless-password".toCharArray());
        AdminHttp client = AdminHttp.anonymous(jp);
        AdminHttp.Response r = client.login("careless", "not-the-password");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asText()).isEqualTo("wrong user name or password");
        assertThat(client.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(AdminHttp.anonymous(jp).login("nobody-at-all", "whatever-password").json().get("error").asText())
                .as("an unknown name is answered like a wrong password").isEqualTo("wrong user name or password");

        // the login throttle: right after a failure, even the right password is not checked yet
        AdminHttp.Response early = client.login("careless", "careless-password");
        assertThat(early.status()).isEqualTo(429);
        assertThat(early.headers().firstValue("Retry-After")).isPresent();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                .until(() -> client.login("careless", "careless-password").status() == 200);

        JsonNode audit = AdminHttp.loggedIn(jp, ADMIN, ADMIN_PASSWORD).get("/api/v1/audit?action=login").json();
        List<String> outcomes = new ArrayList<>();
        audit.get("items").forEach(e -> outcomes.add(e.get("actor").asText() + " " + e.get("outcome").asText()));
        assertThat(outcomes).contains("careless refused", "nobody-at-all refused", "careless locked", "careless ok",
                ADMIN + " ok");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrict() {
        AdminHttp.Response r = AdminHttp.anonymous(jp).login(VIEWER, VIEWER_PASSWORD);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("cogw_session=").contains("HttpOnly").contains("SameSite=Strict")
                .doesNotContain("Secure"); // plain HTTP here; the HTTPS test sees Secure
        assertThat(r.json().get("role").asText()).isEqualTo("viewer");
    }

    @Test
    void everyFilterSelectsItsTransmissions() {
        AdminHttp viewer = AdminHttp.loggedIn(jp, VIEWER, VIEWER_PASSWORD);
        assertThat(ids(viewer, "")).containsExactly(delivered2, delivered1, failed);
        assertThat(ids(viewer, "?state=FAILED")).containsExactly(failed);
        assertThat(ids(viewer, "?state=delivered")).containsExactly(delivered2, delivered1);
        assertThat(ids(viewer, "?partner=ID")).hasSize(3);
        assertThat(ids(viewer, "?partner=XX")).isEmpty();
        assertThat(ids(viewer, "?kind=CERTIFICATE")).hasSize(3);
        assertThat(ids(viewer, "?kind=ACKNOWLEDGEMENT")).isEmpty();
        assertThat(ids(viewer, "?certificate=ADM-OK-1")).containsExactly(delivered1);
        assertThat(ids(viewer, "?invoice=" + Certificates.invoiceA("ADM-OK-2"))).containsExactly(delivered2);
        assertThat(ids(viewer, "?invoice=NO-SUCH-INVOICE")).isEmpty();
        assertThat(ids(viewer, "?ebmsCode=EBMS:0004")).isEmpty();
        assertThat(ids(viewer, "?from=" + beforeAll)).hasSize(3);
        assertThat(ids(viewer, "?to=" + beforeAll)).isEmpty();
        assertThat(ids(viewer, "?from=" + Instant.now().plusSeconds(86_400 * 400))).isEmpty();
        assertThat(ids(viewer, "?state=FAILED&partner=ID&certificate=ADM-FAIL-1")).containsExactly(failed);

        assertThat(viewer.get("/api/v1/transmissions?state=LOST").status()).isEqualTo(400);
        assertThat(viewer.get("/api/v1/transmissions?colour=red").json().get("error").asText())
                .contains("unknown parameter 'colour'");
        assertThat(viewer.get("/api/v1/transmissions?from=yesterday").status()).isEqualTo(400);
        assertThat(viewer.get("/api/v1/transmissions?cursor=garbage").status()).isEqualTo(400);
        assertThat(viewer.get("/api/v1/transmissions?limit=0").status()).isEqualTo(400);
        assertThat(viewer.get("/api/v1/inbound?ebmsCode=EBMS:0004").status()).isEqualTo(400);
    }

    @Test
    void keysetPagesWalkTheLogNewestFirstWithoutRepeats() {
        AdminHttp viewer = AdminHttp.loggedIn(jp, VIEWER, VIEWER_PASSWORD);
        List<String> seen = new ArrayList<>();
        List<Instant> created = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = viewer.get("/api/v1/transmissions?limit=1" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.get("items").forEach(i -> {
                seen.add(i.get("trackingId").asText());
                created.add(Instant.parse(i.get("created").asText()));
            });
            cursor = page.hasNonNull("next") ? page.get("next").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly(delivered2, delivered1, failed);
        assertThat(created).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        List<String> twoAndOne = ids(viewer, "?limit=2");
        assertThat(twoAndOne).containsExactly(delivered2, delivered1);
    }

    @Test
    void aRecordShowsEveryAttemptTheReceiptAndOffersTheBodiesAsStored() {
        AdminHttp viewer = AdminHttp.loggedIn(jp, VIEWER, VIEWER_PASSWORD);
        JsonNode record = viewer.get("/api/v1/transmissions/" + delivered1).json();
        assertThat(record.path("transmission").path("certificateNumber").asText()).isEqualTo("ADM-OK-1");
        JsonNode attempt = record.get("attempts").get(0);
        assertThat(attempt.get("outcome").asText()).isEqualTo("DELIVERED");
        assertThat(attempt.get("httpStatus").asInt()).isEqualTo(200);
        assertThat(attempt.has("durationMs")).isTrue();
        assertThat(attempt.get("hasSentMessage").asBoolean()).isTrue();
        assertThat(record.path("receipt").path("check").asText()).startsWith("verified");
        List<String> uris = new ArrayList<>();
        record.path("receipt").path("digests").forEach(d -> uris.add(d.get("uri").asText()));
        assertThat(uris).isNotEmpty().anyMatch(u -> u.startsWith("cid:"));
        List<String> states = new ArrayList<>();
        record.get("history").forEach(h -> states.add(h.get("state").asText()));
        assertThat(states).containsSubsequence("QUEUED", "SENDING", "DELIVERED");

        Map<String, Object> row = TestGateways.queryRow(jp, "select sent_message, answer from transmission_attempt"
                + " where transmission_id = ? and attempt = 1", delivered1);
        assertThat(viewer.getBytes("/api/v1/transmissions/" + delivered1 + "/attempts/1/sent"))
                .isEqualTo((byte[]) row.get("sent_message"));
        assertThat(viewer.getBytes("/api/v1/transmissions/" + delivered1 + "/attempts/1/answer"))
                .isEqualTo((byte[]) row.get("answer"));
        assertThat(new String(viewer.getBytes("/api/v1/transmissions/" + delivered1 + "/payload"),
                java.nio.charset.StandardCharsets.UTF_8)).contains("ADM-OK-1");
        assertThat(viewer.get("/api/v1/transmissions/" + delivered1 + "/attempts/9/sent").status()).isEqualTo(404);
        assertThat(viewer.get("/api/v1/transmissions/no-such-id").status()).isEqualTo(404);

        JsonNode failedRecord = viewer.get("/api/v1/transmissions/" + failed).json();
        JsonNode failure = failedRecord.get("attempts").get(0);
        assertThat(failure.get("outcome").asText()).isEqualTo("RETRYABLE");
        assertThat(failure.get("reason").asText()).contains("cannot connect");
        assertThat(failedRecord.has("receipt")).isFalse();
    }

    @Test
    void aCertificatesTimelineRunsFromSubmissionToReceiptInTimeOrder() {
        AdminHttp viewer = AdminHttp.loggedIn(jp, VIEWER, VIEWER_PASSWORD);
        JsonNode timeline = viewer.get("/api/v1/cos/ADM-OK-1/timeline").json();
        List<String> what = new ArrayList<>();
        List<Instant> at = new ArrayList<>();
        timeline.get("entries").forEach(e -> {
            what.add(e.get("what").asText());
            at.add(Instant.parse(e.get("at").asText()));
        });
        assertThat(what).containsSubsequence("submitted", "QUEUED (to ID)", "SENDING (to ID)", "attempt 1: DELIVERED",
                "DELIVERED (to ID)");
        assertThat(at).isSorted();
        assertThat(viewer.get("/api/v1/cos/NO-SUCH-CO/timeline").status()).isEqualTo(404);

        JsonNode status = viewer.get("/api/v1/status/ADM-OK-1").json();
        assertThat(status.get("timeline")).isNotEmpty();
        assertThat(viewer.get("/api/v1/status/" + delivered1).json().path("transmission").path("transmission")
                .path("certificateNumber").asText()).isEqualTo("ADM-OK-1");
    }

    @Test
    void inboundMessagesAreListedFilteredAndDownloadableOnTheReceivingGateway() {
        Gateway id = pair.id();
        new AdminUsers(id.database().dataSource(), Clock.systemUTC()).add("id-ops", AdminRole.VIEWER,
                "id-viewer-password".toCharArray());
        AdminHttp viewer = AdminHttp.loggedIn(id, "id-ops", "id-viewer-password");
        JsonNode all = viewer.get("/api/v1/inbound?partner=JP&kind=CERTIFICATE").json();
        assertThat(all.get("items")).hasSize(2);
        JsonNode one = viewer.get("/api/v1/inbound?certificate=ADM-OK-1").json().get("items");
        assertThat(one).hasSize(1);
        assertThat(viewer.get("/api/v1/inbound?invoice=" + Certificates.invoiceA("ADM-OK-2")).json().get("items"))
                .hasSize(1);
        assertThat(viewer.get("/api/v1/inbound?state=ACKNOWLEDGED").json().get("items")).isEmpty();
        long inboundId = one.get(0).get("id").asLong();
        Map<String, Object> row = TestGateways.queryRow(id, "select raw_message, receipt from inbound_message where id = ?",
                inboundId);
        assertThat(viewer.getBytes("/api/v1/inbound/" + inboundId + "/message")).isEqualTo((byte[]) row.get("raw_message"));
        assertThat(viewer.getBytes("/api/v1/inbound/" + inboundId + "/receipt")).isEqualTo((byte[]) row.get("receipt"));
        assertThat(viewer.get("/api/v1/inbound/" + inboundId).json().path("message").path("certificateNumber").asText())
                .isEqualTo("ADM-OK-1");
    }

    @Test
    void resendNeedsTheAdminRoleAndTheCsrfTokenAndIsAudited() {
        String path = "/api/v1/transmissions/" + failed + "/resend";
        AdminHttp viewer = AdminHttp.loggedIn(jp, VIEWER, VIEWER_PASSWORD);
        assertThat(viewer.post(path, Map.of()).status()).isEqualTo(403);
        AdminHttp admin = AdminHttp.loggedIn(jp, ADMIN, ADMIN_PASSWORD);
        AdminHttp.Response forged = admin.postWithoutCsrf(path, Map.of());
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().get("error").asText()).contains("X-CSRF-Token");
        assertThat(ids(admin, "?state=FAILED")).containsExactly(failed);

        AdminHttp.Response resent = admin.post(path, Map.of());
        assertThat(resent.status()).as(resent.toString()).isEqualTo(200);
        JsonNode record = awaitState(admin, failed, "DELIVERED");
        assertThat(record.get("attempts")).hasSize(2);
        assertThat(record.get("attempts").get(1).get("outcome").asText()).isEqualTo("DELIVERED");
        assertThat(record.path("transmission").path("messageId").asText())
                .isEqualTo(resent.json().get("messageId").asText());

        assertThat(admin.post("/api/v1/transmissions/" + delivered1 + "/resend", Map.of()).status()).isEqualTo(409);
        JsonNode audit = admin.get("/api/v1/audit?action=resend").json().get("items");
        List<String> entries = new ArrayList<>();
        audit.forEach(e -> entries.add(e.get("actor").asText() + " " + e.get("target").asText() + " "
                + e.get("outcome").asText() + " " + e.get("remote").asText()));
        assertThat(entries).contains(ADMIN + " " + failed + " ok 127.0.0.1", ADMIN + " " + delivered1 + " refused 127.0.0.1");
    }

    @Test
    void apiTokensAuthenticateScriptsWithoutCookieOrCsrfAndKeepTheRole() {
        AdminHttp viewer = AdminHttp.loggedIn(jp, VIEWER, VIEWER_PASSWORD);
        AdminHttp.Response made = viewer.post("/api/v1/users/" + VIEWER + "/tokens", Map.of("label", "script"));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String token = made.json().get("token").asText();
        assertThat(viewer.post("/api/v1/users/" + ADMIN + "/tokens", Map.of()).status()).isEqualTo(403);

        AdminHttp script = AdminHttp.withToken(jp, token);
        assertThat(script.get("/api/v1/me").json().get("user").asText()).isEqualTo(VIEWER);
        assertThat(script.get("/api/v1/transmissions").status()).isEqualTo(200);
        assertThat(script.post("/api/v1/transmissions/" + delivered1 + "/resend", Map.of()).status()).isEqualTo(403);
        assertThat(AdminHttp.withToken(jp, token + "x").get("/api/v1/me").status()).isEqualTo(401);
        assertThat(TestGateways.queryLong(jp, "select count(*) from admin_token where token_sha256 = '"
                + AdminUsers.sha256(token) + "'")).isEqualTo(1);

        String adminToken = new AdminUsers(jp.database().dataSource(), Clock.systemUTC())
                .createToken(ADMIN, "cli").orElseThrow();
        // a state-changing call with a token needs no CSRF token: it is answered on its merits (409: not FAILED)
        assertThat(AdminHttp.withToken(jp, adminToken).post("/api/v1/transmissions/" + delivered2 + "/resend",
                Map.of()).status()).isEqualTo(409);
    }

    @Test
    void adminsManageUsersAndViewersMayNot() {
        AdminHttp admin = AdminHttp.loggedIn(jp, ADMIN, ADMIN_PASSWORD);
        AdminHttp viewer = AdminHttp.loggedIn(jp, VIEWER, VIEWER_PASSWORD);
        assertThat(viewer.get("/api/v1/users").status()).isEqualTo(403);
        assertThat(viewer.post("/api/v1/users", Map.of("name", "x", "role", "admin", "password", "long-enough-pw"))
                .status()).isEqualTo(403);

        AdminHttp.Response added = admin.post("/api/v1/users", Map.of("name", "night-shift", "role", "viewer",
                "password", "night-shift-password"));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(admin.post("/api/v1/users", Map.of("name", "night-shift", "role", "viewer",
                "password", "night-shift-password")).status()).isEqualTo(409);
        assertThat(admin.post("/api/v1/users", Map.of("name", "short", "role", "viewer", "password", "short"))
                .status()).isEqualTo(400);
        assertThat(admin.post("/api/v1/users", Map.of("name", "odd", "role", "root", "password", "long-enough-pw"))
                .status()).isEqualTo(400);
        AdminHttp nightShift = AdminHttp.loggedIn(jp, "night-shift", "night-shift-password");
        List<String> names = new ArrayList<>();
        admin.get("/api/v1/users").json().get("items").forEach(u -> names.add(u.get("name").asText()));
        assertThat(names).contains(ADMIN, VIEWER, "night-shift");
        assertThat(TestGateways.queryRow(jp, "select password_hash from admin_user where name = ?", "night-shift")
                .get("password_hash").toString()).startsWith("$argon2id$v=19$").doesNotContain("night-shift-password");

        assertThat(admin.delete("/api/v1/users/night-shift").status()).isEqualTo(200);
        assertThat(nightShift.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(admin.delete("/api/v1/users/" + ADMIN).status()).isEqualTo(409);
        List<String> actions = new ArrayList<>();
        admin.get("/api/v1/audit").json().get("items").forEach(e -> actions.add(e.get("action").asText() + " "
                + e.get("target").asText() + " " + e.get("outcome").asText()));
        assertThat(actions).contains("user-add night-shift ok", "user-remove night-shift ok", "user-add night-shift refused");
    }

    @Test
    void partnersAndCertificatesAreShown() {
        AdminHttp viewer = AdminHttp.loggedIn(jp, VIEWER, VIEWER_PASSWORD);
        JsonNode partner = viewer.get("/api/v1/partners").json().get("items").get(0);
        assertThat(partner.get("id").asText()).isEqualTo("ID");
        assertThat(partner.path("agreement").path("endpoint").asText()).endsWith("/as4");
        assertThat(partner.path("lastSuccess").path("outcome").asText()).isEqualTo("DELIVERED");
        assertThat(partner.path("lastFailure").path("reason").asText()).contains("cannot connect");

        JsonNode certs = viewer.get("/api/v1/certificates").json().get("items");
        List<String> uses = new ArrayList<>();
        certs.forEach(c -> uses.add(c.get("alias").asText() + ": " + c.get("use").asText()));
        assertThat(uses).contains("jp: own key (signing, decryption)").anyMatch(u -> u.contains("partner ID signing"));
        JsonNode own = certs.get(0);
        assertThat(own.get("sha256").asText()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(own.get("daysToExpiry").asLong()).isPositive();

        assertThat(viewer.post("/api/v1/partners/ID/ping", Map.of()).status()).isEqualTo(403);
        JsonNode ping = AdminHttp.loggedIn(jp, ADMIN, ADMIN_PASSWORD).post("/api/v1/partners/ID/ping", Map.of()).json();
        assertThat(ping.get("delivered").asBoolean()).as(ping.toString()).isTrue();
    }
}
