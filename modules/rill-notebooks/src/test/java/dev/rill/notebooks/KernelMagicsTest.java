package dev.rill.notebooks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class KernelMagicsTest {

    @Test
    void class_path_magics_become_blank_lines_so_line_numbers_stay() {
        KernelMagics.Stripped s = KernelMagics.strip("%jars ../modules/*/target/rill-*.jar\n  %classpath a b\nint x = 1;\n");

        assertEquals("\n\nint x = 1;\n", s.code());
        assertEquals(List.of("%jars ../modules/*/target/rill-*.jar", "%classpath a b"), s.skipped());
        assertNull(s.unsupported());
    }

    @ParameterizedTest
    @ValueSource(strings = {"%load helpers.jsh", "%%loadFromPOM", "%time x()"})
    void other_magics_are_reported_with_their_line(String magic) {
        KernelMagics.Stripped s = KernelMagics.strip("int x = 1;\n" + magic + "\n");

        assertEquals(magic, s.unsupported());
        assertEquals(2, s.line());
    }

    @Test
    void a_percent_sign_inside_a_line_is_java() {
        KernelMagics.Stripped s = KernelMagics.strip("int r = 7 % 3;");

        assertEquals("int r = 7 % 3;", s.code());
        assertNull(s.unsupported());
    }
}
