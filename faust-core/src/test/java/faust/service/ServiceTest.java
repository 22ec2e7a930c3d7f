package faust.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.errors.ImproperlyConfiguredException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ServiceTest {
    /** Generous bound for "promptly" on a loaded machine; the real figure is milliseconds. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** Records every hook into {@link #calls}. */
    private class Recording extends Service {
        Recording(String label) {
            super(label);
        }

        @Override
        protected void onStart() {
            calls.add(label() + ".onStart");
        }

        @Override
        protected void onStarted() {
            calls.add(label() + ".onStarted");
        }

        @Override
        protected void onStop() {
            calls.add(label() + ".onStop");
        }

        @Override
        protected void onShutdown() {
            calls.add(label() + ".onShutdown");
        }

        @Override
        protected void onRestart() {
            calls.add(label() + ".onRestart");
        }

        @Override
        protected Duration shutdownTimeout() {
            return Duration.ofMillis(200);
        }
    }

    private static boolean await(CountDownLatch latch) throws InterruptedException {
        return latch.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void dependencies_start_first_in_order_and_stop_last_in_reverse() {
        var app = new Recording("app");
        app.addDependency(new Recording("a"));
        app.addDependency(new Recording("b"));

        app.start();
        assertThat(app.state()).isEqualTo(ServiceState.RUNNING);
        app.stop();

        assertThat(calls).containsExactly(
                "a.onStart", "a.onStarted", "b.onStart", "b.onStarted", "app.onStart", "app.onStarted",
                "app.onStop", "b.onStop", "b.onShutdown", "a.onStop", "a.onShutdown", "app.onShutdown");
        assertThat(app.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(app.dependencies()).allSatisfy(d -> assertThat(d.state()).isEqualTo(ServiceState.STOPPED));
    }

    @Test
    void stop_is_idempotent() {
        var svc = new Recording("svc");
        svc.start();

        svc.stop();
        svc.stop();

        assertThat(calls).containsExactly("svc.onStart", "svc.onStarted", "svc.onStop", "svc.onShutdown");
        assertThat(svc.waitUntilStopped(Duration.ZERO)).isTrue();
    }

    @Test
    void stop_before_start_just_marks_stopped() {
        var svc = new Recording("svc");

        svc.stop();

        assertThat(svc.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(calls).isEmpty();
    }

    @Test
    void sleep_returns_false_soon_after_stop() throws InterruptedException {
        var svc = new Recording("svc");
        var sleeping = new CountDownLatch(1);
        var result = new AtomicReference<Boolean>();
        svc.addTask("sleeper", () -> {
            sleeping.countDown();
            result.set(svc.sleep(Duration.ofMinutes(1)));
        });
        svc.start();
        assertThat(await(sleeping)).isTrue();

        long t0 = System.nanoTime();
        svc.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(PROMPTLY);
        assertThat(result.get()).isFalse();
        assertThat(svc.shouldStop()).isTrue();
    }

    @Test
    void task_ignoring_stop_is_interrupted_after_the_shutdown_timeout() throws InterruptedException {
        var svc = new Recording("svc");
        var interrupted = new CountDownLatch(1);
        svc.addTask("stubborn", () -> {
            try {
                Thread.sleep(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        });
        svc.start();

        svc.stop();

        assertThat(await(interrupted)).isTrue();
        assertThat(svc.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(svc.crashReason()).isNull();
    }

    @Test
    void failing_task_crashes_the_service_and_notifies_listeners() throws InterruptedException {
        var svc = new Recording("svc");
        var boom = new IllegalStateException("boom");
        var notified = new CountDownLatch(1);
        var seen = new AtomicReference<Throwable>();
        svc.addCrashListener((service, reason) -> {
            seen.set(reason);
            notified.countDown();
        });
        svc.addTask("bad", () -> {
            throw boom;
        });

        svc.start();

        assertThat(await(notified)).isTrue();
        assertThat(svc.waitUntilStopped(PROMPTLY)).isTrue();
        assertThat(svc.state()).isEqualTo(ServiceState.CRASHED);
        assertThat(svc.crashReason()).isSameAs(boom);
        assertThat(seen.get()).isSameAs(boom);
        assertThat(calls).contains("svc.onStop", "svc.onShutdown");
    }

    @Test
    void crashed_dependency_crashes_its_parent() throws InterruptedException {
        var app = new Recording("app");
        var child = app.addDependency(new Recording("child"));
        var appCrashed = new CountDownLatch(1);
        app.addCrashListener((service, reason) -> appCrashed.countDown());
        app.start();
        var reason = new RuntimeException("child failed");

        child.crash(reason);

        assertThat(await(appCrashed)).isTrue();
        assertThat(app.state()).isEqualTo(ServiceState.CRASHED);
        assertThat(app.crashReason()).isSameAs(reason);
        assertThat(calls).contains("child.onStop", "app.onStop", "app.onShutdown");
    }

    @Test
    void failing_start_hook_crashes_and_rethrows() {
        var svc = new Service("svc") {
            @Override
            protected void onStart() {
                throw new IllegalArgumentException("bad config");
            }
        };

        assertThatThrownBy(svc::start).isInstanceOf(IllegalArgumentException.class).hasMessage("bad config");
        assertThat(svc.state()).isEqualTo(ServiceState.CRASHED);
        assertThat(svc.crashReason()).hasMessage("bad config");
    }

    @Test
    void restart_runs_the_hook_and_starts_tasks_again() throws InterruptedException {
        var svc = new Recording("svc");
        var runs = new AtomicInteger();
        var secondRun = new CountDownLatch(2);
        svc.addTask("count", () -> {
            runs.incrementAndGet();
            secondRun.countDown();
        });
        svc.start();

        svc.restart();

        assertThat(await(secondRun)).isTrue();
        assertThat(runs.get()).isEqualTo(2);
        assertThat(svc.restartCount()).isEqualTo(1);
        assertThat(svc.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(calls).containsSubsequence("svc.onShutdown", "svc.onRestart", "svc.onStart");
        svc.stop();
    }

    @Test
    void restart_clears_the_crash_reason() {
        var svc = new Recording("svc");
        svc.start();
        svc.crash(new RuntimeException("x"));

        svc.restart();

        assertThat(svc.crashReason()).isNull();
        assertThat(svc.state()).isEqualTo(ServiceState.RUNNING);
        svc.stop();
    }

    @Test
    void timer_runs_repeatedly_and_survives_a_failing_run() throws InterruptedException {
        var svc = new Recording("svc");
        var runs = new AtomicInteger();
        var threeRuns = new CountDownLatch(3);
        svc.addTimer(Duration.ofMillis(10), t -> t.name("tick"), () -> {
            threeRuns.countDown();
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("first run fails");
            }
        });
        svc.start();

        assertThat(await(threeRuns)).isTrue();
        assertThat(svc.state()).isEqualTo(ServiceState.RUNNING);
        long t0 = System.nanoTime();
        svc.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(PROMPTLY);
    }

    @Test
    void an_on_leader_timer_of_a_service_that_is_not_the_leader_never_runs_its_body() throws InterruptedException {
        var checks = new CountDownLatch(3);
        var svc = new Recording("svc") {
            @Override
            protected boolean isLeader() {
                checks.countDown();
                return false;
            }
        };
        var runs = new AtomicInteger();
        var unguarded = new CountDownLatch(3);
        svc.addTimer(Duration.ofMillis(10), t -> t.name("leaderOnly").onLeader(), runs::incrementAndGet);
        svc.addTimer(Duration.ofMillis(10), t -> t.name("everywhere"), unguarded::countDown);
        svc.start();

        assertThat(await(checks)).isTrue();
        assertThat(await(unguarded)).as("a timer not on the leader runs on every worker").isTrue();
        svc.stop();
        assertThat(runs.get()).isZero();
    }

    @Test
    void a_dependency_asks_the_services_depending_on_it_whether_their_worker_leads() throws InterruptedException {
        var leader = new AtomicBoolean();
        var app = new Recording("app") {
            @Override
            protected boolean isLeader() {
                return leader.get();
            }
        };
        var dependency = new Recording("dep");
        var runs = new AtomicInteger();
        var ran = new CountDownLatch(1);
        dependency.addTimer(Duration.ofMillis(5), t -> t.onLeader(), () -> {
            runs.incrementAndGet();
            ran.countDown();
        });
        app.addDependency(dependency);
        assertThat(new Recording("alone").isLeader()).as("a service that stands alone leads").isTrue();
        assertThat(dependency.isLeader()).isFalse();
        app.start();
        try {
            leader.set(true);
            assertThat(await(ran)).isTrue();
            assertThat(dependency.isLeader()).isTrue();
        } finally {
            app.stop();
        }
    }

    @Test
    void an_unnamed_timer_is_named_timer_n_and_a_blank_name_is_refused() {
        var svc = new Recording("svc");
        svc.addTimer(Duration.ofSeconds(1), t -> { }, () -> { });
        assertThatThrownBy(() -> svc.addTimer(Duration.ofSeconds(1), t -> t.name(" "), () -> { }))
                .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("timer name must not be blank");
    }

    @Test
    void timer_needs_a_positive_interval() {
        var svc = new Recording("svc");

        assertThatThrownBy(() -> svc.addTimer(Duration.ZERO, t -> t.name("t"), () -> { }))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("positive interval")
                .hasMessageContaining("PT0S");
    }

    @Test
    void crontab_job_stops_promptly() {
        var svc = new Recording("svc");
        svc.addCrontab("0 9 * * *", t -> t.name("daily"), () -> calls.add("fired"));
        svc.start();

        long t0 = System.nanoTime();
        svc.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(PROMPTLY);
        assertThat(calls).doesNotContain("fired");
    }

    @Test
    void diag_flags_can_be_set_and_unset() {
        var svc = new Recording("svc");

        svc.diag().set("COMMITTING");
        svc.diag().set("FLUSHING");
        svc.diag().unset("FLUSHING");

        assertThat(svc.diag().has("COMMITTING")).isTrue();
        assertThat(svc.diag().has("FLUSHING")).isFalse();
        assertThat(svc.diag().flags()).containsExactly("COMMITTING");
    }

    @Test
    void blank_label_is_rejected() {
        assertThatThrownBy(() -> new Recording(" ")).isInstanceOf(ImproperlyConfiguredException.class);
    }
}
