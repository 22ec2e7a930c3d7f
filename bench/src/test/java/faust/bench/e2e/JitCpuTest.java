package faust.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JitCpuTest {
    @Test
    void counts_user_and_system_ticks_of_compiler_threads_only() {
        String c2 = "4242 (C2 CompilerThre) S 1 4240 4240 0 -1 1077936192 1 0 0 0 730 25 0 0 20 0 32 0 123 0 0";
        String c1 = "4243 (C1 CompilerThre) S 1 4240 4240 0 -1 1077936192 1 0 0 0 40 2 0 0 20 0 32 0 123 0 0";
        String app = "4250 (faust-consumer-) S 1 4240 4240 0 -1 1077936192 1 0 0 0 900 50 0 0 20 0 32 0 123 0 0";
        assertThat(JitCpu.compilerTicks(c2)).isEqualTo(755);
        assertThat(JitCpu.compilerTicks(c1)).isEqualTo(42);
        assertThat(JitCpu.compilerTicks(app)).isZero();
    }

    @Test
    void a_thread_name_with_spaces_and_parentheses_is_read_to_its_last_parenthesis() {
        String odd = "4251 (C2 CompilerThre) x) S 1 4240 4240 0 -1 1077936192 1 0 0 0 7 3 0 0 20 0 32 0 123 0 0";
        assertThat(JitCpu.compilerTicks(odd)).isEqualTo(10);
    }
}
