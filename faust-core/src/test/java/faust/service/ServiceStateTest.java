package faust.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceStateTest {

    @Test
    void normal_lifecycle_path_is_allowed() {
        assertThat(ServiceState.INIT.canTransitionTo(ServiceState.STARTING)).isTrue();
        assertThat(ServiceState.STARTING.canTransitionTo(ServiceState.RUNNING)).isTrue();
        assertThat(ServiceState.RUNNING.canTransitionTo(ServiceState.STOPPING)).isTrue();
        assertThat(ServiceState.STOPPING.canTransitionTo(ServiceState.STOPPED)).isTrue();
        assertThat(ServiceState.STOPPED.canTransitionTo(ServiceState.STARTING)).isTrue();
    }

    @Test
    void every_live_state_may_crash_and_crashed_may_restart() {
        for (var s : new ServiceState[] {ServiceState.INIT, ServiceState.STARTING, ServiceState.RUNNING, ServiceState.STOPPING}) {
            assertThat(s.canTransitionTo(ServiceState.CRASHED)).as(s.name()).isTrue();
        }
        assertThat(ServiceState.CRASHED.canTransitionTo(ServiceState.STARTING)).isTrue();
    }

    @Test
    void skipping_states_is_not_allowed() {
        assertThat(ServiceState.INIT.canTransitionTo(ServiceState.RUNNING)).isFalse();
        assertThat(ServiceState.STOPPED.canTransitionTo(ServiceState.RUNNING)).isFalse();
        assertThat(ServiceState.STOPPED.canTransitionTo(ServiceState.CRASHED)).isFalse();
        assertThat(ServiceState.RUNNING.canTransitionTo(ServiceState.STARTING)).isFalse();
    }
}
