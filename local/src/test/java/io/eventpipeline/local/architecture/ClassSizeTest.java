package io.eventpipeline.local.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE's class size rule (issue 14 item 7) over the main sources of every module: a source file of main code
 * has at most 200 lines. ArchUnit sees bytecode, where a class's length is not recorded, so this reads the
 * source tree (tests run in the module's directory; the repository is its parent).
 */
class ClassSizeTest {

    private static final int MAX_LINES = 200;
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void shouldKeepEveryMainClassAtMostTwoHundredLinesWhenAnyModuleIsCompiled() throws IOException {
        List<Path> sources = mainSources();

        List<String> tooLong = sources.stream().filter(file -> lines(file) > MAX_LINES)
                .map(file -> REPOSITORY.relativize(file) + " (" + lines(file) + " lines)").toList();

        assertThat(sources).as("main sources found under " + REPOSITORY).hasSizeGreaterThan(100);
        assertThat(tooLong).as("main classes over " + MAX_LINES + " lines").isEmpty();
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            return files.filter(ClassSizeTest::isMainSource).toList();
        }
    }

    private static boolean isMainSource(Path file) {
        String path = REPOSITORY.relativize(file).toString().replace('\\', '/');
        return path.endsWith(".java") && path.contains("/src/main/java/") && !path.contains("/target/")
                && !path.startsWith(".");
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
