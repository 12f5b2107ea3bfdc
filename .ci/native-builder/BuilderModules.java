import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Prints the --add-exports lines the builder's JVM needs: every package of every JDK module the builder's module graph
 * resolves, exported to the builder's modules (what GraalVM's own driver passes from its graal-compiler-flags file).
 * Arguments: the Graal compiler jar (upgrade module path), then the other builder jars (module path).
 */
public class BuilderModules {
    public static void main(String[] args) {
        ModuleFinder upgrade = ModuleFinder.of(Path.of(args[0]));
        ModuleFinder builder = ModuleFinder.of(Stream.of(args).skip(1).map(Path::of).toArray(Path[]::new));
        Set<String> builderModules = Stream.concat(upgrade.findAll().stream(), builder.findAll().stream())
                .map(m -> m.descriptor().name()).collect(Collectors.toCollection(TreeSet::new));
        Configuration graph = Configuration.empty().resolveAndBind(
                ModuleFinder.compose(upgrade, ModuleFinder.ofSystem(), builder), ModuleFinder.of(),
                Set.of("org.graalvm.nativeimage.builder"));
        String targets = String.join(",", builderModules);
        graph.modules().stream().map(ResolvedModule::reference)
                .filter(m -> !builderModules.contains(m.descriptor().name()))
                .sorted((a, b) -> a.descriptor().name().compareTo(b.descriptor().name()))
                .forEach(m -> new TreeSet<>(m.descriptor().packages())
                        .forEach(p -> System.out.println("--add-exports=" + m.descriptor().name() + "/" + p + "=" + targets)));
        System.out.println("--enable-native-access=" + targets);
    }
}
