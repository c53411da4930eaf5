package org.automb.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    /** Time that moves only when someone sleeps. */
    private static final class FakeTime implements Sleeper {
        final AtomicLong nanos = new AtomicLong(1_000_000_000L);
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public synchronized void sleep(Duration duration) {
            sleeps.add(duration);
            nanos.addAndGet(duration.toNanos());
        }
    }

    @Test
    void threeCallsAtTwoPerSecondWaitHalfASecondBeforeEachButTheFirst() throws InterruptedException {
        FakeTime time = new FakeTime();
        RateLimiter limiter = new RateLimiter(Duration.ofMillis(500), time.nanos::get, time);

        limiter.acquire();
        limiter.acquire();
        limiter.acquire();

        assertThat(time.sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
        assertThat(time.sleeps.stream().mapToLong(Duration::toMillis).sum()).isEqualTo(1000);
    }

    @Test
    void aCallAfterAQuietSpellDoesNotWait() throws InterruptedException {
        FakeTime time = new FakeTime();
        RateLimiter limiter = new RateLimiter(Duration.ofMillis(500), time.nanos::get, time);

        limiter.acquire();
        time.nanos.addAndGet(Duration.ofSeconds(3).toNanos());
        limiter.acquire();

        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void perSecondAndPerMinuteGiveTheirSpacing() throws InterruptedException {
        List<Duration> sleeps = new ArrayList<>();
        RateLimiter twoPerSecond = RateLimiter.perSecond(2, sleeps::add);
        twoPerSecond.acquire();
        twoPerSecond.acquire();
        RateLimiter audnexus = RateLimiter.perMinute(100, sleeps::add);
        audnexus.acquire();
        audnexus.acquire();

        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(450), Duration.ofMillis(500));
        assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(550), Duration.ofMillis(600));
    }

    @Test
    void threadsShareTheLimit() throws Exception {
        RateLimiter limiter = RateLimiter.perSecond(20, Sleeper.real());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> {
                    limiter.acquire();
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // eight slots 50 ms apart: the last starts at least 350 ms after the first
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(345));
    }
}
