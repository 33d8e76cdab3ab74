package dev.timers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.timer.Timer;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Listing through the API on the real store: 1,200 timers of one owner, walked page by page with the cursor,
 * each exactly once, newest first; another owner's timers are never listed.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimerListIT {

    private static final int TIMERS = 1200;
    private static final int CANCELLED = 90;
    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
        AnonymousCallers.register(registry);
        registry.add("timers.api.max-pending-per-owner", () -> "0");
    }

    @AfterAll
    static void cleanUp() {
        infrastructure.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    TimerRepository repository;

    private final List<String> created = new ArrayList<>();
    private final Set<String> cancelled = new HashSet<>();

    @BeforeAll
    void createTimers() throws Exception {
        for (int i = 0; i < TIMERS; i++) {
            // Beyond the horizon: only the store is written, which is all a list reads.
            String body = mvc.perform(post("/timers")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"delay\":\"PT1H\",\"url\":\"http://127.0.0.1:9000/" + i + "\"}"))
                    .andExpect(status().isCreated())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            created.add(JsonPath.read(body, "$.id"));
        }
        for (int i = 0; i < TIMERS; i += TIMERS / CANCELLED) {
            mvc.perform(delete("/timers/" + created.get(i))).andExpect(status().isNoContent());
            cancelled.add(created.get(i));
        }
        for (int i = 0; i < 30; i++) {
            Instant now = Instant.now();
            repository.create(
                    Timer.schedule(URI.create("http://127.0.0.1:9000/other"), now.plusSeconds(3600), now, "other"),
                    false);
        }
    }

    @Test
    void everyTimerIsListedExactlyOnceAcrossPagesNewestFirst() throws Exception {
        for (int limit : new int[] {500, 37}) {
            List<String> listed = new ArrayList<>();
            List<String> createdAt = new ArrayList<>();
            walk("limit=" + limit, listed, createdAt);

            assertThat(listed).hasSize(TIMERS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
            assertThat(createdAt).isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
        }
    }

    @Test
    void aStatusFilterListsExactlyTheTimersInThatStatus() throws Exception {
        List<String> listed = new ArrayList<>();
        walk("status=CANCELLED&limit=500", listed, new ArrayList<>());

        assertThat(listed).containsExactlyInAnyOrderElementsOf(cancelled);
    }

    @Test
    void aPageHoldsAtMostItsLimit() throws Exception {
        String page = mvc.perform(get("/timers?limit=7"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat((List<?>) JsonPath.read(page, "$.timers")).hasSize(7);
        assertThat((String) JsonPath.read(page, "$.nextCursor")).isNotBlank();
    }

    /** Follows nextCursor from the first page to the last, collecting ids and creation times. */
    private void walk(String query, List<String> ids, List<String> createdAt) throws Exception {
        String cursor = null;
        int pages = 0;
        do {
            String page = mvc.perform(get("/timers?" + query + (cursor == null ? "" : "&cursor=" + cursor)))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            ids.addAll(JsonPath.read(page, "$.timers[*].id"));
            createdAt.addAll(JsonPath.read(page, "$.timers[*].createdAt"));
            List<String> next = JsonPath.read(page, "$..nextCursor");
            cursor = next.isEmpty() ? null : next.getFirst();
            assertThat(++pages).as("pages").isLessThan(TIMERS);
        } while (cursor != null);
    }
}
