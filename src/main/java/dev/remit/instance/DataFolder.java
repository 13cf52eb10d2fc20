package dev.remit.instance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The data folder (the embedded database, bootstrap.json with its token, the file outbox with every
 * message) is readable by its owner only: folders 0700, files 0600. Folders remit creates are made
 * so; what others create in them (H2's files) is tightened once the server has started, which also
 * mends a folder an earlier version left open. Where the file system has no POSIX permissions
 * (Windows), the folder's ACL inherited from its parent applies and nothing is changed.
 */
@Component
public class DataFolder {

    private static final Logger log = LoggerFactory.getLogger(DataFolder.class);
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final InstanceProperties properties;

    DataFolder(InstanceProperties properties) {
        this.properties = properties;
    }

    /** Like {@link Files#createDirectories}, every folder it creates owner-only. */
    public static Path ownerOnlyDirectories(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return absolute;
        }
        if (absolute.getParent() != null) {
            ownerOnlyDirectories(absolute.getParent());
        }
        try {
            Files.createDirectory(absolute, ownerOnly(absolute, FOLDER));
        } catch (FileAlreadyExistsException raced) {
            // another thread made it first
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(absolute);
        }
        return absolute;
    }

    /** Creates an empty file readable by its owner only. */
    public static Path ownerOnlyFile(Path file) throws IOException {
        try {
            return Files.createFile(file, ownerOnly(file, FILE));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createFile(file);
        }
    }

    /** The folder and what is in it, two levels down (the database's files, the outbox's folders), owner-only. */
    public static void tighten(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute) || !isPosix(absolute)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(absolute, 2)) {
            paths.forEach(path -> {
                try {
                    Set<PosixFilePermission> wanted = Files.isDirectory(path) ? FOLDER : FILE;
                    if (Files.isRegularFile(path) || Files.isDirectory(path)) {
                        if (!Files.getPosixFilePermissions(path).equals(wanted)) {
                            Files.setPosixFilePermissions(path, wanted);
                        }
                    }
                } catch (IOException e) {
                    log.warn("Could not make {} readable by its owner only: {}", path, e.getMessage());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not make the data folder {} readable by its owner only: {}", absolute, e.getMessage());
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void tightenOnStart() {
        tighten(properties.dataDir());
    }

    private static FileAttribute<?>[] ownerOnly(Path path, Set<PosixFilePermission> permissions) {
        Path existing = path.getParent() == null ? path : path.getParent();
        return isPosix(existing) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
