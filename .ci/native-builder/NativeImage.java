import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code native-image} command of the CI builder (see README.md next to this file): takes the arguments Quarkus
 * gives a GraalVM {@code native-image}, turns them into the arguments of GraalVM's image builder
 * ({@code NativeImageGeneratorRunner}, from the Maven Central jars) and runs it on this JDK with
 * {@code -H:+ExitAfterRelocatableImageWrite}: analysis, compilation and image heap, no linking.
 * <p>
 * An argument it does not know stops it with exit code 2 rather than being dropped: a silently ignored option would
 * make the check weaker than it claims.
 */
public final class NativeImage {

    private static final String GRAALVM_VERSION = "25.0.2";
    private static final String UNLOCK = "-H:+UnlockExperimentalVMOptions";
    private static final String LOCK = "-H:-UnlockExperimentalVMOptions";

    /** the driver options Quarkus and the libraries' native-image.properties use, as the builder's hosted options */
    private static final Map<String, String> API_OPTIONS = Map.ofEntries(
            Map.entry("--features", "Features"),
            Map.entry("--link-at-build-time", "LinkAtBuildTime"),
            Map.entry("--link-at-build-time-paths", "LinkAtBuildTimePaths"),
            Map.entry("--enable-url-protocols", "EnableURLProtocols"),
            Map.entry("--enable-monitoring", "EnableMonitoringFeatures"),
            Map.entry("--enable-native-access", "EnableNativeAccess"),
            Map.entry("--add-exports", "AddExports"),
            Map.entry("--add-opens", "AddOpens"),
            Map.entry("--add-reads", "AddReads"),
            Map.entry("--trace-object-instantiation", "TraceObjectInstantiation"),
            Map.entry("--exact-reachability-metadata", "ThrowMissingRegistrationErrors"),
            Map.entry("--future-defaults", "FutureDefaults"),
            Map.entry("--libc", "UseLibC"),
            Map.entry("-march", "MicroArchitecture"),
            Map.entry("--parallelism", "NumberOfThreads"));
    private static final Map<String, String> FIXED_OPTIONS = Map.of(
            "--no-fallback", "-H:FallbackThreshold=0",
            "--enable-http", "-H:EnableURLProtocols=http",
            "--enable-https", "-H:EnableURLProtocols=https",
            "--enable-all-security-services", "-H:+EnableAllSecurityServices",
            "--install-exit-handlers", "-H:+InstallExitHandlers",
            "--report-unsupported-elements-at-runtime", "-H:+ReportUnsupportedElementsAtRuntime",
            "--allow-incomplete-classpath", "-H:+AllowIncompleteClasspath",
            "-g", "-H:GenerateDebugInfo=2");
    /** META-INF/native-image/** files the real driver hands to the builder, by file name */
    private static final Map<String, String> CONFIG_FILES = Map.of(
            "reachability-metadata.json", "ReachabilityMetadataResources",
            "jni-config.json", "JNIConfigurationResources",
            "reflect-config.json", "ReflectionConfigurationResources",
            "resource-config.json", "ResourceConfigurationResources",
            "proxy-config.json", "DynamicProxyConfigurationResources",
            "serialization-config.json", "SerializationConfigurationResources",
            "serialization-deny-config.json", "SerializationDenyConfigurationResources",
            "predefined-classes-config.json", "PredefinedClassesConfigurationResources");

    private final Path home;
    private final List<String> javaArgs = new ArrayList<>();
    private final List<String> builderArgs = new ArrayList<>();
    private final LinkedHashSet<Path> classpath = new LinkedHashSet<>();
    private final List<Pattern[]> excludedConfigs = new ArrayList<>();
    private String jar;
    private String imageName;

    private NativeImage(Path home) {
        this.home = home;
    }

    public static void main(String[] args) throws Exception {
        String homeProperty = System.getProperty("native-builder.home");
        if (homeProperty == null) {
            System.err.println("native-image (CI builder): -Dnative-builder.home is not set (run bin/native-image)");
            System.exit(2);
        }
        Path home = Path.of(homeProperty);
        List<String> expanded = expandArgFiles(Arrays.asList(args));
        if (expanded.contains("--version")) {
            printVersion();
            return;
        }
        try {
            System.exit(new NativeImage(home).run(expanded));
        } catch (UsageError e) {
            System.err.println("native-image (CI builder): " + e.getMessage());
            System.exit(2);
        }
    }

    /** parsed by Quarkus (GraalVM.Version): the builder's GraalVM version and the JDK that runs it */
    private static void printVersion() {
        String jdk = System.getProperty("java.runtime.version");
        String vendor = "GraalVM CE " + GRAALVM_VERSION + ", builder jars from Maven Central on "
                + System.getProperty("java.vendor.version", "JDK " + jdk);
        System.out.println("native-image " + Runtime.version().feature() + "." + Runtime.version().interim() + "."
                + Runtime.version().update() + " " + System.getProperty("java.version.date", ""));
        System.out.println("GraalVM Runtime Environment " + vendor + " (build " + jdk + ")");
        System.out.println("Substrate VM " + vendor + " (build " + jdk + ", serial gc)");
    }

    private int run(List<String> args) throws IOException, InterruptedException {
        parse(args, true);
        if (jar == null) {
            throw new UsageError("only -jar builds are supported (that is what Quarkus runs)");
        }
        Path jarPath = Path.of(jar).toAbsolutePath().normalize();
        readManifest(jarPath);
        for (Path entry : List.copyOf(classpath)) {
            readNativeImageMetaInf(entry);
        }
        if (imageName == null) {
            throw new UsageError("no image name given");
        }
        Path outputDir = Path.of("").toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/java").toString());
        command.add("@" + home.resolve("lib/svm/builder/java.args"));
        command.addAll(javaArgs);
        command.add("@" + home.resolve("lib/svm/builder/module.args"));
        command.add("-imagecp");
        command.add(String.join(":", classpath.stream().map(Path::toString).toList()));
        command.add("-H:CLibraryPath=" + home.resolve("lib/svm/clibraries"));
        command.addAll(builderArgs);
        command.addAll(List.of(UNLOCK, "-H:Path=" + outputDir, "-H:Name=" + imageName,
                "-H:ImageBuildID=" + UUID.nameUUIDFromBytes(String.join("\0", args).getBytes(StandardCharsets.UTF_8)),
                "-H:+ExitAfterRelocatableImageWrite", LOCK));
        Path argsFile = outputDir.resolve(imageName + ".builder-command.txt");
        Files.write(argsFile, command);
        System.out.println("native-image (CI builder): running GraalVM " + GRAALVM_VERSION
                + " image builder without linking; command in " + argsFile);
        Process builder = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .start();
        boolean stackTrace = false;
        try (BufferedReader output = builder.inputReader()) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                System.out.println(line);
                stackTrace |= line.startsWith("\tat ");
            }
        }
        int exit = builder.waitFor();
        if (exit == 0 && stackTrace) {
            // e.g. Quarkus's generated Feature prints an exception of a build step and lets the build go on
            System.out.println("native-image (CI builder): the build printed a Java stack trace (see above); failing");
            exit = 1;
        }
        if (exit == 0) {
            writeUnlinkedPlaceholder(outputDir.resolve(imageName));
        }
        return exit;
    }

    /**
     * Quarkus copies {@code <name>} after native-image returns. There is no executable without linking, so this puts a
     * script there that says so and fails, rather than anything that could pass for the application.
     */
    private static void writeUnlinkedPlaceholder(Path executable) throws IOException {
        Files.writeString(executable, """
                #!/bin/sh
                echo "not a native executable: the CI native-image builder ran GraalVM's analysis and compilation \
                without linking (see .ci/native-builder/README.md)" >&2
                exit 1
                """);
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void parse(List<String> args, boolean commandLine) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("-J")) {
                javaArgs.add(arg.substring(2));
            } else if (arg.startsWith("-D")) {
                javaArgs.add(arg);
            } else if (arg.startsWith("-H:") || arg.startsWith("-R:")) {
                builderArgs.add(arg);
            } else if (arg.equals("-jar") && commandLine) {
                jar = value(args, ++i, arg);
            } else if (arg.equals("-o")) {
                imageName = value(args, ++i, arg);
            } else if (arg.equals("-cp") || arg.equals("-classpath") || arg.equals("--class-path")) {
                for (String entry : value(args, ++i, arg).split(":")) {
                    classpath.add(Path.of(entry).toAbsolutePath().normalize());
                }
            } else if (arg.equals("--exclude-config")) {
                excludedConfigs.add(new Pattern[] {Pattern.compile(value(args, ++i, arg)), Pattern.compile(value(args, ++i, arg))});
            } else if (arg.startsWith("-O") && arg.length() > 2) {
                builderArgs.add("-H:Optimize=" + arg.substring(2));
            } else if (arg.startsWith("--initialize-at-run-time") || arg.startsWith("--initialize-at-build-time")) {
                String when = arg.startsWith("--initialize-at-run-time") ? ":run_time" : ":build_time";
                int eq = arg.indexOf('=');
                String classes = eq < 0 ? "" : arg.substring(eq + 1);
                builderArgs.add("-H:ClassInitialization=" + String.join(",",
                        Stream.of(classes.split(",", -1)).map(c -> c + when).toList()));
            } else if (FIXED_OPTIONS.containsKey(arg)) {
                builderArgs.add(FIXED_OPTIONS.get(arg));
            } else if (arg.startsWith("-")) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg : arg.substring(0, eq);
                String option = API_OPTIONS.get(name);
                if (option == null) {
                    throw new UsageError("unsupported option '" + arg + "'; add it to " + NativeImage.class.getSimpleName()
                            + ".java if the builder has it");
                }
                builderArgs.add("-H:" + option + "=" + (eq < 0 ? "" : arg.substring(eq + 1)));
            } else if (commandLine && imageName == null) {
                imageName = arg;
            } else {
                throw new UsageError("unexpected argument '" + arg + "'");
            }
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageError(option + " needs a value");
        }
        return args.get(i);
    }

    /** -jar: the jar, its manifest Class-Path (Quarkus's lib/), Main-Class and module attributes */
    private void readManifest(Path jarPath) throws IOException {
        classpath.add(jarPath);
        try (JarFile jarFile = new JarFile(jarPath.toFile())) {
            Attributes main = jarFile.getManifest().getMainAttributes();
            String mainClass = main.getValue("Main-Class");
            if (mainClass == null) {
                throw new UsageError("no Main-Class in " + jarPath);
            }
            builderArgs.add("-H:Class=" + mainClass);
            String classPath = main.getValue("Class-Path");
            if (classPath != null) {
                for (String entry : classPath.trim().split(" +")) {
                    classpath.add(jarPath.getParent().resolve(entry).normalize());
                }
            }
            for (String[] attribute : new String[][] {{"Add-Opens", "AddOpens"}, {"Add-Exports", "AddExports"}}) {
                String value = main.getValue(attribute[0]);
                if (value != null) {
                    for (String pkg : value.trim().split(" +")) {
                        builderArgs.add("-H:" + attribute[1] + "=" + pkg + "=ALL-UNNAMED");
                    }
                }
            }
            if (main.getValue("Enable-Native-Access") != null) {
                javaArgs.add("--enable-native-access=ALL-UNNAMED");
            }
        }
    }

    /** what the real driver does with every class-path entry's META-INF/native-image: Args= and the config files */
    private void readNativeImageMetaInf(Path entry) throws IOException {
        if (!Files.isRegularFile(entry)) {
            if (Files.exists(entry)) {
                throw new UsageError("class-path directories are not supported: " + entry);
            }
            return;
        }
        try (FileSystem jarFs = FileSystems.newFileSystem(entry)) {
            Path base = jarFs.getPath("/META-INF/native-image");
            if (!Files.isDirectory(base)) {
                return;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(base)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                if (isExcluded(entry, file)) {
                    continue;
                }
                if (fileName.equals("native-image.properties")) {
                    applyProperties(entry, file);
                } else if (CONFIG_FILES.containsKey(fileName)) {
                    builderArgs.addAll(List.of(UNLOCK,
                            "-H:" + CONFIG_FILES.get(fileName) + "=" + file.toString().substring(1), LOCK));
                }
            }
        }
    }

    private boolean isExcluded(Path jarPath, Path resource) {
        return excludedConfigs.stream().anyMatch(e -> e[0].matcher(jarPath.toString()).find()
                && e[1].matcher(resource.toString()).find());
    }

    private void applyProperties(Path jarPath, Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key);
            if (value.contains("${")) {
                throw new UsageError("property substitution in " + jarPath + "!" + file + " is not supported");
            }
            List<String> tokens = value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
            switch (key) {
                case "Args" -> parse(tokens, false);
                case "JavaArgs" -> javaArgs.addAll(tokens);
                case "ImageName" -> imageName = imageName != null ? imageName : value.trim();
                default -> throw new UsageError("unsupported key " + key + " in " + jarPath + "!" + file);
            }
        }
    }

    /** @argfile as the JDK's launcher reads it: whitespace-separated, single or double quotes, # comments */
    private static List<String> expandArgFiles(List<String> args) throws IOException {
        List<String> result = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("@") || arg.startsWith("@@")) {
                result.add(arg.startsWith("@@") ? arg.substring(1) : arg);
                continue;
            }
            String text = Files.readString(Path.of(arg.substring(1)));
            StringBuilder token = null;
            char quote = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        token.append(c);
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    token = token == null ? new StringBuilder() : token;
                } else if (Character.isWhitespace(c)) {
                    if (token != null) {
                        result.add(token.toString());
                        token = null;
                    }
                } else if (c == '#' && token == null) {
                    while (i < text.length() && text.charAt(i) != '\n') {
                        i++;
                    }
                } else {
                    token = token == null ? new StringBuilder() : token;
                    token.append(c);
                }
            }
            if (token != null) {
                result.add(token.toString());
            }
        }
        return result;
    }

    private static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }
}
