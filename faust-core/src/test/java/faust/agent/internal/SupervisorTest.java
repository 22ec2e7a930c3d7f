package faust.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.agent.SupervisorStrategy;
import faust.agent.internal.Supervisor.Action;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SupervisorTest {
    private static final long SECOND = 1_000_000_000L;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"ONE_FOR_ONE, RESTART_ACTOR", "ONE_FOR_ALL, RESTART_ALL", "CRASHING, CRASH_APP",
            "FORFEIT_ONE_FOR_ONE, FORFEIT_ACTOR", "FORFEIT_ONE_FOR_ALL, FORFEIT_ALL"})
    void each_strategy_answers_a_first_crash_with_its_action(SupervisorStrategy strategy, Action action) {
        assertThat(new Supervisor(strategy, 100, Duration.ofSeconds(1)).onCrash(0)).isEqualTo(action);
    }

    @Test
    void more_restarts_within_the_window_than_allowed_crash_the_app_and_old_ones_age_out() {
        Supervisor s = new Supervisor(SupervisorStrategy.ONE_FOR_ONE, 2, Duration.ofSeconds(1));
        assertThat(s.onCrash(0)).isEqualTo(Action.RESTART_ACTOR);
        assertThat(s.onCrash(SECOND / 2)).isEqualTo(Action.RESTART_ACTOR);
        assertThat(s.onCrash(SECOND - 1)).isEqualTo(Action.TOO_MANY_RESTARTS);
        // the restarts at 0 and 0.5 s are more than a window before 2 s
        assertThat(s.onCrash(2 * SECOND)).isEqualTo(Action.RESTART_ACTOR);
    }

    @Test
    void no_restart_allowed_means_the_first_crash_crashes_the_app() {
        assertThat(new Supervisor(SupervisorStrategy.ONE_FOR_ALL, 0, Duration.ofSeconds(1)).onCrash(0))
                .isEqualTo(Action.TOO_MANY_RESTARTS);
    }

    @Test
    void forfeit_and_crashing_strategies_never_count_restarts() {
        Supervisor s = new Supervisor(SupervisorStrategy.FORFEIT_ONE_FOR_ONE, 0, Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            assertThat(s.onCrash(i)).isEqualTo(Action.FORFEIT_ACTOR);
        }
    }
}
