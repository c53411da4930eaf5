package org.automb.jobs.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStoreConcurrencyTest {

    private static final int THREADS = 8;
    private static final int CLAIMS_PER_THREAD = 200;
    private static final int KEYS = 50;

    @TempDir
    Path config;

    @Test
    void eachBookIsClaimedExactlyOnceByManyThreads() throws Exception {
        try (JobStore store = JobStore.open(JobStore.defaultUrl(config), Clock.systemUTC())) {
            Map<String, AtomicInteger> wins = claimConcurrently(List.of(store));

            assertClaimedOnceEach(wins);
            assertThat(store.counts()).containsEntry(JobState.PENDING, KEYS);
        }
    }

    @Test
    void eachBookIsClaimedExactlyOnceByTwoStoresOnTheSameFile() throws Exception {
        // two stores stand in for two processes sharing the file: SQLite's own locking must hold
        String url = JobStore.defaultUrl(config);
        try (JobStore first = JobStore.open(url, Clock.systemUTC());
             JobStore second = JobStore.open(url, Clock.systemUTC())) {
            Map<String, AtomicInteger> wins = claimConcurrently(List.of(first, second));

            assertClaimedOnceEach(wins);
            assertThat(first.inStates(JobState.values())).hasSize(KEYS);
        }
    }

    private static Map<String, AtomicInteger> claimConcurrently(List<JobStore> stores) throws Exception {
        Map<String, AtomicInteger> wins = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                JobStore store = stores.get(t % stores.size());
                int offset = t;
                Callable<Void> worker = () -> {
                    start.await();
                    for (int i = 0; i < CLAIMS_PER_THREAD; i++) {
                        String key = "book-" + (i + offset) % KEYS;
                        store.claim(key, "hash", EventCause.INTAKE)
                            .ifPresent(job -> wins.computeIfAbsent(job.key(), k -> new AtomicInteger())
                                .incrementAndGet());
                    }
                    return null;
                };
                done.add(pool.submit(worker));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return wins;
    }

    private static void assertClaimedOnceEach(Map<String, AtomicInteger> wins) {
        assertThat(wins).hasSize(KEYS);
        assertThat(wins.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    }
}
