package dev.timers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.timers.api.auth.ApiKeys;
import dev.timers.core.store.IdempotencyKeys;
import dev.timers.core.store.OwnerTimers;
import dev.timers.core.store.PendingTimers;
import dev.timers.core.store.TimerPage;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.MutableClock;
import dev.timers.core.timer.Timer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Who may do what, on every endpoint: no key or a wrong one is 401, another owner's timer is 404, a key over
 * its rate is 429 while other keys go on. The web layer and security are real; the store is a mock here
 * ({@code OwnershipIT} runs the same through the real store).
 */
@WebMvcTest(
        controllers = {TimerController.class, TimerBatchController.class},
        properties = {
            "timers.api.auth=api-key",
            "timers.api.keys[0].name=key-a",
            "timers.api.keys[0].owner=owner-a",
            "timers.api.keys[0].sha256=" + ApiAccessTest.KEY_A_SHA256,
            "timers.api.keys[1].name=key-b",
            "timers.api.keys[1].owner=owner-b",
            "timers.api.keys[1].sha256=" + ApiAccessTest.KEY_B_SHA256,
            "timers.api.rate-limit.rate=1",
            "timers.api.rate-limit.period=1h",
            "timers.api.rate-limit.burst=" + ApiAccessTest.BURST
        })
@Import(WebSlice.class)
class ApiAccessTest {

    static final String KEY_A = "key-a-secret-0123456789";
    static final String KEY_B = "key-b-secret-9876543210";
    // printf %s key-a-secret-0123456789 | sha256sum (checked in keysAreStoredAsTheirSha256)
    static final String KEY_A_SHA256 = "e2f397c8982b9977dac069ad630414772b99b18196b6f56a8fa3e01f7eddcdb0";
    static final String KEY_B_SHA256 = "d38e6fef30b9ad65d204f70cffd8325fb5bc0f097cccda0e61d5162494cc2470";
    static final int BURST = 5;

    static final Instant NOW = WebSlice.NOW;

    @Autowired
    MockMvc mvc;

    @Autowired
    MutableClock clock;

    @MockitoBean
    TimerRepository repository;

    @MockitoBean
    WakeUpHandOff wakeUps;

    @MockitoBean
    PendingTimers pendingTimers;

    @MockitoBean
    IdempotencyKeys idempotencyKeys;

    @MockitoBean
    OwnerTimers ownerTimers;

    private final Timer ofA = Timer.schedule(URI.create("http://127.0.0.1:9/a"), NOW.plusSeconds(60), NOW, "owner-a");

    @BeforeEach
    void freshBuckets() {
        // A day later every bucket is full again, so each test starts with a whole burst per key.
        clock.advance(Duration.ofDays(1));
        when(repository.find(ofA.id())).thenReturn(Optional.of(ofA));
        when(repository.cancel(ofA.id())).thenReturn(Optional.of(ofA));
    }

    static Stream<String> endpoints() {
        return Stream.of("POST", "GET", "DELETE", "LIST", "PATCH", "REPLAY", "BATCH");
    }

    private static final String TIMER = "{\"seconds\":30,\"url\":\"http://127.0.0.1:9/hook\"}";

    private MockHttpServletRequestBuilder request(String method) {
        return switch (method) {
            case "POST" ->
                post("/timers")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seconds\":30,\"url\":\"http://127.0.0.1:9/hook\"}");
            case "GET" -> get("/timers/{id}", ofA.id());
            case "DELETE" -> delete("/timers/{id}", ofA.id());
            case "LIST" -> get("/timers");
            case "PATCH" ->
                patch("/timers/{id}", ofA.id())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"delay\":\"PT5M\"}");
            case "REPLAY" -> post("/timers/{id}/replay", ofA.id());
            case "BATCH" ->
                post("/timers/batch")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"timers\":[{\"seconds\":30,\"url\":\"http://127.0.0.1:9/hook\"}]}");
            default -> throw new IllegalArgumentException(method);
        };
    }

    @Test
    void keysAreStoredAsTheirSha256() {
        assertThat(ApiKeys.sha256Hex(KEY_A)).isEqualTo(KEY_A_SHA256);
        assertThat(ApiKeys.sha256Hex(KEY_B)).isEqualTo(KEY_B_SHA256);
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void withoutAKeyEveryEndpointIs401WithABearerChallenge(String method) throws Exception {
        mvc.perform(request(method))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"timers\""))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:timers:problem:unauthorized"))
                .andExpect(jsonPath("$.status").value(401));
        verifyNoStoreCall();
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void withAWrongKeyEveryEndpointIs401(String method) throws Exception {
        mvc.perform(request(method).header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_A + "x"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(
                                HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"timers\", error=\"invalid_token\""))
                .andExpect(jsonPath("$.type").value("urn:timers:problem:unauthorized"));
        verifyNoStoreCall();
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void aKeySentAsAnotherSchemeIs401(String method) throws Exception {
        mvc.perform(request(method).header(HttpHeaders.AUTHORIZATION, "Basic " + KEY_A))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:timers:problem:unauthorized"));
        verifyNoStoreCall();
    }

    @Test
    void anotherOwnersTimerIsNotFoundOnRead() throws Exception {
        mvc.perform(get("/timers/{id}", ofA.id()).header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_B))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:timers:problem:timer-not-found"));
        mvc.perform(get("/timers/{id}", ofA.id()).header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_A))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(ofA.id().toString()));
    }

    @Test
    void anotherOwnersTimerIsNotFoundOnCancelAndIsNotCancelled() throws Exception {
        mvc.perform(delete("/timers/{id}", ofA.id()).header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_B))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:timers:problem:timer-not-found"));
        verify(repository, never()).cancel(any());

        mvc.perform(delete("/timers/{id}", ofA.id()).header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_A))
                .andExpect(status().isNoContent());
        verify(repository).cancel(ofA.id());
    }

    @Test
    void anotherOwnersTimerIsNotFoundOnRescheduleAndReplayAndIsNotChanged() throws Exception {
        mvc.perform(patch("/timers/{id}", ofA.id())
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_B)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"delay\":\"PT5M\"}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:timers:problem:timer-not-found"));
        mvc.perform(post("/timers/{id}/replay", ofA.id()).header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_B))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:timers:problem:timer-not-found"));
        verify(repository, never()).changeFireTime(any(), any(), anyBoolean());
        verify(repository, never()).replay(any(), any(), anyBoolean());
    }

    @Test
    void aListShowsOnlyTheCallersTimers() throws Exception {
        when(ownerTimers.page(any(), any(), anyInt(), any(), anyInt()))
                .thenReturn(new TimerPage(List.of(), Optional.empty()));

        mvc.perform(get("/timers").header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_B))
                .andExpect(status().isOk());

        verify(ownerTimers).page(eq("owner-b"), any(), anyInt(), any(), anyInt());
        verify(ownerTimers, never()).page(eq("owner-a"), any(), anyInt(), any(), anyInt());
    }

    @Test
    void aBatchsTimersBelongToTheOwnerOfTheKey() throws Exception {
        mvc.perform(request("BATCH").header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_B))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results[0].status").value(201));

        var created = ArgumentCaptor.forClass(Timer.class);
        verify(repository).create(created.capture(), anyBoolean());
        assertThat(created.getValue().owner()).isEqualTo("owner-b");
    }

    @Test
    void aTimerBelongsToTheOwnerOfTheKeyThatCreatedIt() throws Exception {
        mvc.perform(request("POST").header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_B))
                .andExpect(status().isCreated());

        var created = ArgumentCaptor.forClass(Timer.class);
        verify(repository).create(created.capture(), anyBoolean());
        assertThat(created.getValue().owner()).isEqualTo("owner-b");
    }

    @Test
    void overItsRateAKeyGets429WithRetryAfterWhileAnotherKeyIsServed() throws Exception {
        for (int i = 0; i < BURST; i++) {
            mvc.perform(request("POST").header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_A))
                    .andExpect(status().isCreated());
        }

        mvc.perform(request("POST").header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_A))
                .andExpect(status().isTooManyRequests())
                // One token an hour: the next one is an hour away.
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "3600"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:timers:problem:rate-limited"))
                .andExpect(jsonPath("$.status").value(429));
        mvc.perform(get("/timers/{id}", ofA.id()).header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_A))
                .andExpect(status().isTooManyRequests());

        mvc.perform(request("POST").header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_B))
                .andExpect(status().isCreated());

        clock.advance(Duration.ofHours(1));
        mvc.perform(request("POST").header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_A))
                .andExpect(status().isCreated());
    }

    @Test
    void aBatchCostsItsKeyOneRequestPerTimer() throws Exception {
        String three = "{\"timers\":[" + String.join(",", java.util.Collections.nCopies(3, TIMER)) + "]}";
        mvc.perform(batch(three).header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_A))
                .andExpect(status().isOk());
        // The burst of 5 less the batch's 3 leaves 2.
        for (int i = 0; i < 2; i++) {
            mvc.perform(request("POST").header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_A))
                    .andExpect(status().isCreated());
        }
        mvc.perform(request("POST").header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_A))
                .andExpect(status().isTooManyRequests());
    }

    @Test
    void aBatchCostingMoreThanTheKeyHasLeftIs429AndCreatesNothing() throws Exception {
        for (int i = 0; i < 3; i++) {
            mvc.perform(request("POST").header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_B))
                    .andExpect(status().isCreated());
        }
        String three = "{\"timers\":[" + String.join(",", java.util.Collections.nCopies(3, TIMER)) + "]}";

        mvc.perform(batch(three).header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_B))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists(HttpHeaders.RETRY_AFTER))
                .andExpect(jsonPath("$.type").value("urn:timers:problem:rate-limited"));
        verify(repository, times(3)).create(any(), anyBoolean());
    }

    private static MockHttpServletRequestBuilder batch(String body) {
        return post("/timers/batch").contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @Test
    void aBodyOverTheLimitIs413BeforeItIsRead() throws Exception {
        String url = "http://127.0.0.1:9/" + "x".repeat(1100 * 1024);
        mvc.perform(post("/timers")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_A)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seconds\":30,\"url\":\"" + url + "\"}"))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.type").value("urn:timers:problem:body-too-large"));
        verify(repository, never()).create(any(), anyBoolean());
    }

    @Test
    void aBatchWhoseTimersTogetherPassTheBodyLimitIs413AndCreatesNothing() throws Exception {
        // Each timer's body is within its own limit (64 KB); twenty of them together are not within 1 MB.
        String large = "{\"seconds\":30,\"url\":\"http://127.0.0.1:9/\",\"body\":\"" + "x".repeat(60 * 1024) + "\"}";
        String twenty = "{\"timers\":[" + String.join(",", java.util.Collections.nCopies(20, large)) + "]}";

        mvc.perform(batch(twenty).header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY_A))
                .andExpect(status().isContentTooLarge())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"))
                .andExpect(jsonPath("$.type").value("urn:timers:problem:body-too-large"))
                .andExpect(jsonPath("$.detail")
                        .value("The request body may be at most 1048576 bytes. A batch's timers, their bodies"
                                + " included, must fit in it together: send fewer timers per batch."));
        verify(repository, never()).create(any(), anyBoolean());
    }

    private void verifyNoStoreCall() {
        verify(repository, never()).find(any());
        verify(repository, never()).cancel(any());
        verify(repository, never()).create(any(), anyBoolean());
        verify(repository, never()).changeFireTime(any(), any(), anyBoolean());
        verify(repository, never()).replay(any(), any(), anyBoolean());
        verifyNoInteractions(ownerTimers);
    }
}
